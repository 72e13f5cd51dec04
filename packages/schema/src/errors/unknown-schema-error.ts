/** The PostgreSQL schema to verify does not exist in the database: nothing could be compared. */
export class UnknownSchemaError extends Error {
  readonly schema: string;

  constructor(schema: string, database: string) {
    super(`schema "${schema}" does not exist in database ${database}; pass the schema that holds the iprs tables`);
    this.name = 'UnknownSchemaError';
    this.schema = schema;
  }
}
