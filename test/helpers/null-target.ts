import { SCENARIO_CLIENTS, type Target } from '../../src/scenarios/target';

/**
 * The emptiest API there is: every request, the token request included, answers 200 with `[]`, and its journal is empty.
 * A scenario that passes against it checks nothing.
 */
export function nullTarget(dataStandard = '5.0'): Target {
  return {
    label: 'an API that answers 200 [] to everything',
    dataBase: async (year) => (year === undefined ? '/data/v3' : `/${year}/data/v3`),
    dataStandard: async () => dataStandard,
    send: async () => ({ status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, text: '[]' }),
    credentials: (client) => SCENARIO_CLIENTS[client],
    journal: async () => [],
  };
}
