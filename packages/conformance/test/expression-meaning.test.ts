import { beforeAll, describe, expect, it } from 'vitest';
import { sameRoutineText } from '../src/compare/same-routine-text.js';
import { loadExpressionParser, parseAllowedValues, sameMeaning } from '../src/index.js';

beforeAll(loadExpressionParser);

// Pairs as PostgreSQL may deparse them (the first is the release's spelling).
const equivalent: readonly (readonly [string, string])[] = [
  // enumerations: IN, = ANY (ARRAY), an array literal, an OR-chain, any order, with or without IS NULL
  ["(status = ANY (ARRAY['A'::text, 'B'::text]))", "(status = ANY (ARRAY['B'::text, 'A'::text]))"],
  ["(status = ANY (ARRAY['A'::text, 'B'::text]))", "((status = 'B'::text) OR (status = 'A'::text))"],
  ["(status = ANY (ARRAY['A'::text, 'B'::text]))", "(status = ANY ('{B,A}'::text[]))"],
  ["(status = ANY (ARRAY['A'::text, 'B'::text]))", "(status IN ('B', 'A', 'A'))"],
  ["(status = ANY (ARRAY['A'::text, 'B'::text]))", "(('A'::text = status) OR (status = 'B'::text))"],
  [
    "((status)::text = ANY ((ARRAY['A'::character varying, 'B'::character varying])::text[]))",
    "((status)::text = ANY (ARRAY['B'::text, 'A'::text]))",
  ],
  [
    "((outlook IS NULL) OR (outlook = ANY (ARRAY['UP'::text, 'DOWN'::text])))",
    "((outlook = 'DOWN'::text) OR (outlook IS NULL) OR (outlook = 'UP'::text))",
  ],
  ["(status <> ALL (ARRAY['A'::text, 'B'::text]))", "((status <> 'B'::text) AND (status <> 'A'::text))"],
  // boolean structure: operand order, nesting, redundant parentheses
  ['((a > (0)::numeric) AND (b > (0)::numeric))', '((b > (0)::numeric) AND (a > (0)::numeric))'],
  ['((a IS NULL) OR (b IS NULL) OR (a >= b))', '(((b IS NULL) OR (a >= b)) OR (a IS NULL))'],
  ['((((spot_rate > (0)::numeric))))', '(spot_rate > (0)::numeric)'],
  // comparisons: the literal's side, the operands' order
  ['(spot_rate > (0)::numeric)', '((0)::numeric < spot_rate)'],
  ['(completed_at >= started_at)', '(started_at <= completed_at)'],
  ['(parent_id <> node_id)', '(node_id <> parent_id)'],
  // defaults: synonyms of now(), casts of literals, schema-qualified built-ins
  ['now()', 'CURRENT_TIMESTAMP'],
  ['now()', 'transaction_timestamp()'],
  ['now()', 'pg_catalog.now()'],
  ["'0'::numeric", '0'],
  ["'0'::numeric", '(0)::numeric'],
  ["'{}'::jsonb", "'{}'::jsonb"],
  ["'{}'::text[]", 'ARRAY[]::text[]'],
  ["'PENDING'::text", "'PENDING'::character varying"],
  ["'PENDING'::text", "('PENDING'::character varying)::text"],
  ["'{}'::jsonb", "'{ }'::jsonb"],
  [`'{"a": 1, "b": [1, 2]}'::jsonb`, `'{ "b": [1,2], "a": 1 }'::jsonb`],
  // numbers by value; negations spelled out
  ['(spot_rate > (0)::numeric)', '(spot_rate > 0.0)'],
  ['(spot_rate > (0)::numeric)', "(spot_rate > '0.00'::numeric)"],
  ['(quantity >= (-1.50)::numeric)', '(quantity >= (-001.5))'],
  ['(spot_rate > (0)::numeric)', '(NOT (spot_rate <= (0)::numeric))'],
  ['(parent_id <> node_id)', '(NOT (parent_id = node_id))'],
  ['(currency IS NOT NULL)', '(NOT (currency IS NULL))'],
  ["(status <> ALL (ARRAY['A'::text, 'B'::text]))", "(NOT (status = ANY (ARRAY['B'::text, 'A'::text])))"],
  ['(spot_rate > (0)::numeric)', '(NOT (NOT (spot_rate > (0)::numeric)))'],
];

const different: readonly (readonly [string, string])[] = [
  ["(status = ANY (ARRAY['A'::text, 'B'::text]))", "(status = ANY (ARRAY['A'::text, 'C'::text]))"],
  ["(status = ANY (ARRAY['A'::text, 'B'::text]))", "(status = ANY (ARRAY['A'::text]))"],
  [
    "(status = ANY (ARRAY['A'::text, 'B'::text]))",
    "((status IS NULL) OR (status = ANY (ARRAY['A'::text, 'B'::text])))",
  ],
  ["(status = ANY (ARRAY['A'::text, 'B'::text]))", "(other = ANY (ARRAY['A'::text, 'B'::text]))"],
  ["(status = ANY (ARRAY['A'::text, 'B'::text]))", "(status <> ALL (ARRAY['A'::text, 'B'::text]))"],
  ['((a > (0)::numeric) AND (b > (0)::numeric))', '((a > (0)::numeric) OR (b > (0)::numeric))'],
  ['(spot_rate > (0)::numeric)', '(spot_rate >= (0)::numeric)'],
  ['(spot_rate > (0)::numeric)', '((0)::numeric > spot_rate)'],
  ['(completed_at >= started_at)', '(started_at >= completed_at)'],
  ['now()', 'clock_timestamp()'],
  ['now()', 'statement_timestamp()'],
  ["'0'::numeric", '1'],
  ["'PENDING'::text", "'pending'::text"],
  ["'1.5'::numeric", "('1.5'::numeric)::integer"],
  ["'1.0'::text", "'1'::text"],
  ["'{}'::jsonb", "'[]'::jsonb"],
  [`'{"b": [1, 2]}'::jsonb`, `'{"b": [2, 1]}'::jsonb`],
  ['(spot_rate > (0)::numeric)', '(spot_rate > 0.01)'],
  ['(spot_rate > (0)::numeric)', '(NOT (spot_rate > (0)::numeric))'],
  ['(currency IS NOT NULL)', '(currency IS NULL)'],
  ['(a > 0)', 'not a parsable expression ('],
];

describe('sameMeaning: expressions are compared by meaning, not by spelling', () => {
  for (const [release, live] of equivalent) {
    it(`${release} means ${live}`, () => {
      expect(sameMeaning(release, live)).toBe(true);
      expect(sameMeaning(live, release)).toBe(true);
    });
  }
  for (const [release, live] of different) {
    it(`${release} does not mean ${live}`, () => {
      expect(sameMeaning(release, live)).toBe(false);
      expect(sameMeaning(live, release)).toBe(false);
    });
  }
});

describe('parseAllowedValues reads every spelling of an enumeration CHECK', () => {
  const cases: readonly (readonly [string, ReturnType<typeof parseAllowedValues>])[] = [
    ["(status = ANY (ARRAY['A'::text, 'B'::text]))", { column: 'status', values: ['A', 'B'], allowsNull: false }],
    ["((status = 'B'::text) OR (status = 'A'::text))", { column: 'status', values: ['B', 'A'], allowsNull: false }],
    [`(status = ANY ('{B,A,"C D"}'::text[]))`, { column: 'status', values: ['B', 'A', 'C D'], allowsNull: false }],
    [
      "((status = 'A'::text) OR (status IS NULL) OR (status = ANY (ARRAY['B'::text, 'C'::text])))",
      { column: 'status', values: ['A', 'B', 'C'], allowsNull: true },
    ],
    ["((status = 'A'::text) OR (other = 'B'::text))", null],
    ["((status = 'A'::text) OR (status > 'B'::text))", null],
    ["(status = ANY ('{A,NULL}'::text[]))", null],
  ];
  for (const [expression, values] of cases) {
    it(expression, () => {
      expect(parseAllowedValues(expression)).toEqual(values);
    });
  }
});

describe('function definitions are compared without comments, layout or keyword case', () => {
  const definition = (body: string, header = '') =>
    'CREATE OR REPLACE FUNCTION public.set_updated_at()\n RETURNS trigger\n LANGUAGE plpgsql\n' +
    `${header}AS $function$${body}$function$\n`;
  const release = definition('\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n');

  it.each([
    [
      'comments',
      definition('\nBEGIN\n  -- maintained here\n  NEW.updated_at := now(); /* now */\n  RETURN NEW;\nEND;\n'),
    ],
    ['layout', definition('BEGIN NEW.updated_at:=now(); RETURN NEW; END;')],
    ['keyword case', definition('\nbegin\n  new.updated_at := NOW();\n  return new;\nend;\n')],
  ])('the same: %s', (_, live) => {
    expect(sameRoutineText(release, live)).toBe(true);
  });

  it.each([
    ['another value', definition("\nBEGIN\n  NEW.updated_at := now() - interval '1 s';\n  RETURN NEW;\nEND;\n")],
    [
      'a SET search_path clause',
      definition('\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n', " SET search_path TO 'pg_catalog'\n"),
    ],
    ['a quoted name in another case', definition('\nBEGIN\n  NEW."Updated_At" := now();\n  RETURN NEW;\nEND;\n')],
    ['a string literal in another case', release.replace('now()', "'NOW'::text")],
  ])('different: %s', (_, live) => {
    expect(sameRoutineText(release, live)).toBe(false);
  });
});
