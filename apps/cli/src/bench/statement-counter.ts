import type { Database } from '@longview/event-store';

/**
 * A Database that counts the statements sent through it (and through its transaction handles),
 * BEGIN and COMMIT excluded: the benches report statements per mutation and per event, the cost
 * embedded mode (PGlite, one connection) pays for each round trip into the engine.
 */
export class StatementCounter {
  statements = 0;

  wrap(db: Database): Database {
    return {
      dialect: db.dialect,
      query: (sql, params) => {
        this.statements++;
        return db.query(sql, params);
      },
      transaction: (fn) => db.transaction((tx) => fn(this.wrap(tx))),
      close: () => db.close(),
    };
  }
}
