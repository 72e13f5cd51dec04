// Generates the bundled demo sample deterministically (a seeded PRNG: the same files every run).
// Run from packages/cli after building @iprs/sdk:  node samples/generate-samples.mjs
// Output: reference.json (issuers, hierarchy, instruments), positions.csv, loans.csv, market-data.json and
// positions-bad.csv (deliberate errors, to show the error report).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cusipCheckDigit, isinCheckDigit } from '@iprs/sdk';

const here = dirname(fileURLToPath(import.meta.url));
const asOfDate = '2026-01-15';

// mulberry32: tiny, seeded, good enough to make sample data look varied.
let seed = 20260115;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];
const between = (low, high) => low + random() * (high - low);

const cusipOf = (body) => `${body}${cusipCheckDigit(body)}`;
const isinOf = (body) => `${body}${isinCheckDigit(body)}`;

// --- Issuers: US issuers carry a CUSIP and the ISIN embedding it; others a national ISIN. -------------------------
const issuerSpecs = [
  ['Atlas Industrial Holdings', 'US', 'USD', 'Industrials', 'ATLS'],
  ['Atlas Industrial Finance', 'US', 'USD', 'Industrials', null, 0],
  ['Beacon Energy Partners', 'US', 'USD', 'Energy', 'BCNE'],
  ['Cobalt Semiconductor', 'US', 'USD', 'Technology', 'CBLT'],
  ['Delta Regional Utilities', 'US', 'USD', 'Utilities', 'DRUT'],
  ['Evergreen Health Systems', 'US', 'USD', 'Health Care', 'EVGH'],
  ['Foxglove Consumer Brands', 'US', 'USD', 'Consumer Staples', 'FXGL'],
  ['Granite Telecom', 'CA', 'CAD', 'Communication Services', 'GRTC'],
  ['Harbour Bank plc', 'GB', 'GBP', 'Financials', 'HRBR'],
  ['Harbour Bank Covered Bonds', 'GB', 'GBP', 'Financials', null, 8],
  ['Isar Automobilwerke AG', 'DE', 'EUR', 'Consumer Discretionary', 'ISAR'],
  ['Jura Chemie AG', 'CH', 'CHF', 'Materials', 'JURA'],
  ['Kestrel Logistics SA', 'FR', 'EUR', 'Industrials', 'KSTL'],
  ['Lumen Pharma NV', 'NL', 'EUR', 'Health Care', 'LUMN'],
  ['Meridian Insurance Group', 'US', 'USD', 'Financials', 'MRDN'],
  ['Nakamura Heavy Industries', 'JP', 'JPY', 'Industrials', 'NKHI'],
  ['Orion Software', 'US', 'USD', 'Technology', 'ORSW'],
  ['Pioneer Homebuilders', 'US', 'USD', 'Consumer Discretionary', 'PNHB'],
  ['Quartz Mining Ltd', 'AU', 'AUD', 'Materials', 'QRTZ'],
  ['Riverside Retail', 'GB', 'GBP', 'Consumer Discretionary', 'RVSR'],
  ['Sakura Electronics', 'JP', 'JPY', 'Technology', 'SKRE'],
  ['Tidewater Shipping', 'US', 'USD', 'Industrials', 'TDWS'],
  ['Umbra Media', 'US', 'USD', 'Communication Services', 'UMBR'],
  ['Vireo Renewables', 'DE', 'EUR', 'Utilities', 'VIRE'],
];
const issuers = issuerSpecs.map(([name, country, currency, sector, ticker, parentIndex], index) => {
  const entityId = `ISS-${String(index + 1).padStart(3, '0')}`;
  const issuerCode = `${String(100 + index * 37).padStart(3, '0')}${'ABCDEFGHJKLMNPQRSTUVWXYZ'[index]}${String(index % 10)}${'0123456789'[(index * 7) % 10]}`;
  const cusip = country === 'US' || country === 'CA' ? cusipOf(`${issuerCode}10`) : null;
  const isin = cusip ? isinOf(`${country}${cusip}`) : isinOf(`${country}000${issuerCode}`);
  return {
    entity_id: entityId,
    entity_type: 'ISSUER',
    name,
    ticker,
    cusip,
    isin,
    sector,
    geography: country,
    currency,
    parent_entity_id: parentIndex === undefined ? null : `ISS-${String(parentIndex + 1).padStart(3, '0')}`,
    issuerCode,
  };
});

// --- Hierarchy: 3 funds → 2 desks → 2 books → 2 strategies. -------------------------------------------------------
const nodes = [];
const strategies = [];
const funds = [
  ['GLOBAL-CREDIT', 'Global Credit Fund'],
  ['MULTI-ASSET', 'Multi-Asset Income Fund'],
  ['PRIVATE-DEBT', 'Private Debt Fund'],
];
const desks = [
  ['IG', 'Investment Grade'],
  ['HY', 'High Yield'],
];
const books = [
  ['AMER', 'Americas'],
  ['EMEA', 'EMEA & APAC'],
];
const strategySpecs = [
  ['CORE', 'Core carry'],
  ['RV', 'Relative value'],
];
for (const [fundKey, fundName] of funds) {
  const fundId = `FUND-${fundKey}`;
  nodes.push({ portfolio_node_id: fundId, parent_id: null, name: fundName, node_type: 'FUND' });
  for (const [deskKey, deskName] of desks) {
    const deskId = `${fundId}/${deskKey}`;
    nodes.push({ portfolio_node_id: deskId, parent_id: fundId, name: `${deskName} desk`, node_type: 'DESK' });
    for (const [bookKey, bookName] of books) {
      const bookId = `${deskId}/${bookKey}`;
      nodes.push({ portfolio_node_id: bookId, parent_id: deskId, name: `${bookName} book`, node_type: 'BOOK' });
      for (const [strategyKey, strategyName] of strategySpecs) {
        const strategyId = `${bookId}/${strategyKey}`;
        nodes.push({ portfolio_node_id: strategyId, parent_id: bookId, name: strategyName, node_type: 'STRATEGY' });
        strategies.push({ id: strategyId, emea: bookKey === 'EMEA', fund: fundKey });
      }
    }
  }
}

// --- Instruments: bonds per issuer (with ISIN/CUSIP), equities, cash. ---------------------------------------------
const instruments = [];
for (const issuer of issuers) {
  for (let issue = 0; issue < 12; issue += 1) {
    const issueCode = String(20 + issue).padStart(2, '0');
    const cusip = issuer.cusip ? cusipOf(`${issuer.issuerCode}${issueCode}`) : null;
    const isin = cusip
      ? isinOf(`${issuer.geography}${cusip}`)
      : isinOf(`${issuer.geography}0${issuer.issuerCode}${issueCode}`);
    const coupon = between(1.5, 8.5).toFixed(3);
    const maturity = `${2027 + Math.floor(random() * 20)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`;
    instruments.push({
      instrument_id: `BOND-${isin}`,
      instrument_type: 'BOND',
      name: `${issuer.name} ${coupon}% ${maturity.slice(0, 4)}`,
      currency: issuer.currency,
      isin,
      cusip,
      issuer_entity_id: issuer.entity_id,
      maturity_date: maturity,
      terms_json: { coupon_rate: (Number(coupon) / 100).toFixed(5), frequency: 2 },
    });
  }
  if (issuer.ticker) {
    instruments.push({
      instrument_id: `EQ-${issuer.ticker}`,
      instrument_type: 'EQUITY',
      name: `${issuer.name} ordinary shares`,
      currency: issuer.currency,
      isin: issuer.isin,
      cusip: issuer.cusip,
      issuer_entity_id: issuer.entity_id,
      maturity_date: null,
      terms_json: {},
    });
  }
}
const currencies = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD'];
for (const currency of currencies) {
  instruments.push({
    instrument_id: `CASH-${currency}`,
    instrument_type: 'CASH',
    name: `${currency} cash`,
    currency,
    isin: null,
    cusip: null,
    issuer_entity_id: null,
    maturity_date: null,
    terms_json: {},
  });
}

// --- Positions: about 4,000, spread over strategies, in the instruments' currencies. -------------------------------
const priceOf = (instrument) => (instrument.instrument_type === 'EQUITY' ? between(20, 400) : between(0.82, 1.08));
const positionLines = ['position_id,portfolio_node_id,instrument_id,quantity,base_ccy,cost_basis,book_value,status'];
const tradable = instruments.filter((i) => i.instrument_type !== 'CASH');
let positionNumber = 0;
for (const strategy of strategies) {
  const held = new Set();
  for (let n = 0; n < 160; n += 1) {
    const instrument = pick(tradable);
    if (held.has(instrument.instrument_id)) continue;
    held.add(instrument.instrument_id);
    const scale = instrument.currency === 'JPY' ? 150 : 1;
    const quantity =
      instrument.instrument_type === 'EQUITY'
        ? Math.round(between(500, 50_000))
        : Math.round(between(50, 2_500)) * 1_000 * scale;
    const price = priceOf(instrument);
    const bookValue = (quantity * price).toFixed(2);
    const costBasis = (quantity * price * between(0.95, 1.05)).toFixed(2);
    const status = random() < 0.03 ? 'CLOSED' : 'ACTIVE';
    positionNumber += 1;
    positionLines.push(
      `POS-${String(positionNumber).padStart(5, '0')},${strategy.id},${instrument.instrument_id},${quantity},${instrument.currency},${costBasis},${bookValue},${status}`,
    );
  }
  for (const currency of strategy.emea ? ['EUR', 'GBP', 'CHF'] : ['USD', 'CAD']) {
    positionNumber += 1;
    const amount = (between(0.5, 5) * 1_000_000 * (currency === 'JPY' ? 150 : 1)).toFixed(2);
    positionLines.push(
      `POS-${String(positionNumber).padStart(5, '0')},${strategy.id},CASH-${currency},${amount},${currency},${amount},${amount},ACTIVE`,
    );
  }
}

// --- Loans: the Private Debt fund's loan book. ---------------------------------------------------------------------
const loanLines = [
  'loan_id,name,currency,borrower_entity_id,maturity_date,facility_type,coupon_type,coupon_rate,spread_bps,portfolio_node_id,position_id,outstanding_principal,book_value',
];
const loanStrategies = strategies.filter((s) => s.fund === 'PRIVATE-DEBT');
for (let n = 1; n <= 240; n += 1) {
  const borrower = pick(issuers);
  const floating = random() < 0.7;
  const principal = Math.round(between(2, 40)) * 500_000;
  const facility = pick(['TERM_LOAN_A', 'TERM_LOAN_B', 'REVOLVER', 'DELAYED_DRAW']);
  const currency = borrower.currency === 'JPY' || borrower.currency === 'AUD' ? 'USD' : borrower.currency;
  loanLines.push(
    [
      `LN-${String(n).padStart(4, '0')}`,
      `${borrower.name} ${facility.replace(/_/g, ' ').toLowerCase()}`,
      currency,
      borrower.entity_id,
      `${2027 + Math.floor(random() * 6)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-28`,
      facility,
      floating ? 'FLOATING' : 'FIXED',
      floating ? '' : between(0.05, 0.11).toFixed(4),
      floating ? String(Math.round(between(250, 650))) : '',
      pick(loanStrategies).id,
      `POS-LN-${String(n).padStart(4, '0')}`,
      String(principal),
      (principal * between(0.94, 1.0)).toFixed(2),
    ].join(','),
  );
}

// --- Market data: an FX snapshot, two yield curves, CDS spreads and ratings from four agencies. -------------------
const usdPer = { EUR: 1.0871, GBP: 1.2745, CHF: 1.1322, CAD: 0.7312, AUD: 0.6588, JPY: 1 / 151.37 };
const fxQuotes = [
  { pair: 'EUR/USD', rate: '1.0871' },
  { pair: 'GBP/USD', rate: '1.2745' },
  { pair: 'USD/JPY', rate: '151.37' },
  { pair: 'USD/CHF', rate: (1 / usdPer.CHF).toFixed(4) },
  { pair: 'USD/CAD', rate: (1 / usdPer.CAD).toFixed(4) },
  { pair: 'AUD/USD', rate: '0.6588' },
  { pair: 'EUR/GBP', rate: (usdPer.EUR / usdPer.GBP).toFixed(4) },
].map((quote) => ({ ...quote, quoted_at: `${asOfDate}T16:00:00Z` }));
const curve = (name, currency, rates) => ({
  curve: name,
  currency,
  nodes: ['1M', '3M', '6M', '1Y', '2Y', '5Y', '10Y', '30Y'].map((tenor, index) => ({ tenor, rate: rates[index] })),
});
const sp = ['AAA', 'AA+', 'AA', 'AA-', 'A+', 'A', 'A-', 'BBB+', 'BBB', 'BBB-', 'BB+', 'BB', 'BB-', 'B+', 'B'];
const moodys = ['Aaa', 'Aa1', 'Aa2', 'Aa3', 'A1', 'A2', 'A3', 'Baa1', 'Baa2', 'Baa3', 'Ba1', 'Ba2', 'Ba3', 'B1', 'B2'];
const dbrs = [
  'AAA',
  'AA (high)',
  'AA',
  'AA (low)',
  'A (high)',
  'A',
  'A (low)',
  'BBB (high)',
  'BBB',
  'BBB (low)',
  'BB (high)',
  'BB',
  'BB (low)',
  'B (high)',
  'B',
];
const ratings = issuers.flatMap((issuer) => {
  const notch = Math.floor(between(3, 14));
  const near = () => Math.max(0, Math.min(14, notch + Math.floor(between(-1, 2))));
  return [
    {
      entity_id: issuer.entity_id,
      agency: 'SP',
      rating: sp[near()],
      outlook: pick(['STABLE', 'STABLE', 'POSITIVE', 'NEGATIVE']),
    },
    { entity_id: issuer.entity_id, agency: 'MOODYS', rating: moodys[near()], outlook: 'STABLE' },
    { entity_id: issuer.entity_id, agency: 'FITCH', rating: sp[near()], outlook: 'STABLE' },
    ...(random() < 0.5 ? [{ entity_id: issuer.entity_id, agency: 'DBRS', rating: dbrs[near()] }] : []),
  ];
});
const marketData = {
  feeds: [
    {
      feed_type: 'FX_SPOT',
      as_of_date: asOfDate,
      source: 'wmr-fix',
      source_identifier: `WMR 16:00 London ${asOfDate}`,
      payload: { snapshot_id: `FX-${asOfDate}`, quotes: fxQuotes },
    },
    {
      feed_type: 'YIELD_CURVE',
      as_of_date: asOfDate,
      source: 'curve-builder',
      source_identifier: 'USD-SOFR close',
      payload: curve('USD-SOFR', 'USD', [0.0431, 0.0428, 0.0419, 0.0405, 0.0388, 0.0379, 0.0402, 0.0437]),
    },
    {
      feed_type: 'YIELD_CURVE',
      as_of_date: asOfDate,
      source: 'curve-builder',
      source_identifier: 'CHF-SARON close',
      payload: curve('CHF-SARON', 'CHF', [-0.0021, -0.0018, -0.0012, -0.0004, 0.0006, 0.0031, 0.0052, 0.0067]),
    },
    {
      feed_type: 'CREDIT_SPREAD',
      as_of_date: asOfDate,
      source: 'cds-vendor',
      source_identifier: `5Y CDS ${asOfDate}`,
      payload: {
        spreads: issuers.map((issuer) => ({
          entity_id: issuer.entity_id,
          tenor: '5Y',
          spread_bps: between(45, 480).toFixed(1),
        })),
      },
    },
    {
      feed_type: 'RATING',
      as_of_date: asOfDate,
      source: 'agency-ratings',
      source_identifier: `ratings snapshot ${asOfDate}`,
      payload: { ratings },
    },
  ],
};

// --- A deliberately bad upload: shows the per-row error report; nothing of it is written. ------------------------
const badLines = [
  'position_id,portfolio_node_id,instrument_id,quantity,base_ccy,cost_basis,book_value,status',
  `BAD-001,FUND-GLOBAL-CREDIT/IG/AMER/CORE,${instruments[0].instrument_id},1000000,USD,990000,1000000,ACTIVE`,
  `BAD-002,FUND-GLOBAL-CREDIT/IG/AMER/CORE,${instruments[1].instrument_id},1.000.000,USD,,1000000,ACTIVE`,
  `BAD-003,FUND-DOES-NOT-EXIST,${instruments[2].instrument_id},500000,USD,,500000,ACTIVE`,
  'BAD-004,FUND-GLOBAL-CREDIT/IG/AMER/RV,BOND-XS0000000000,250000,USD,,250000,ACTIVE',
  `BAD-005,FUND-GLOBAL-CREDIT/IG/AMER/RV,${instruments[3].instrument_id},250000,EURO,,250000,ACTIVE`,
  `BAD-006,FUND-GLOBAL-CREDIT/HY/EMEA/RV,${instruments[4].instrument_id},250000,XAU1,,250000,OPEN`,
  `BAD-001,FUND-GLOBAL-CREDIT/HY/EMEA/RV,${instruments[5].instrument_id},100,USD,,100,ACTIVE`,
];

const reference = {
  as_of_date: asOfDate,
  issuers: issuers.map(({ issuerCode, ...issuer }) => issuer),
  nodes,
  instruments,
};
writeFileSync(join(here, 'reference.json'), `${JSON.stringify(reference, null, 1)}\n`);
writeFileSync(join(here, 'positions.csv'), `${positionLines.join('\n')}\n`);
writeFileSync(join(here, 'loans.csv'), `${loanLines.join('\n')}\n`);
writeFileSync(join(here, 'market-data.json'), `${JSON.stringify(marketData, null, 1)}\n`);
writeFileSync(join(here, 'positions-bad.csv'), `${badLines.join('\n')}\n`);
process.stdout.write(
  `${issuers.length} issuers, ${nodes.length} nodes, ${instruments.length} instruments, ${positionLines.length - 1} positions, ${loanLines.length - 1} loans, ${ratings.length} ratings\n`,
);
