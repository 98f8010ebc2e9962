/** A certification scenario as written in scenarios/<profile>/<id>.yaml (schema: scenarios/scenario.schema.json). */
export interface Scenario {
  id: string;
  title: string;
  profile: 'edfi' | 'wi' | 'mi' | 'il';
  schoolYear?: number;
  tags?: string[];
  source: { document: string; useCase?: string; quote?: string };
  /** Which reading of a self-contradictory seed this scenario tests, and why. */
  reading?: string;
  given?: string[];
  vars?: Record<string, string | number | boolean>;
  steps: Step[];
  /** Vendor certification: what the vendor's SIS must do. */
  instructions?: string;
  /** Vendor certification: what the data, the journal and the validation report must show afterwards. */
  expect?: Assertion[];
  /** Replays of a wrong SIS: the mistakes the scenario exists to catch; its checks must judge each one FAIL. */
  wrong?: WrongSis[];
  /** The file it was loaded from. */
  file: string;
}

/** One request and what it must answer. */
export interface Step {
  name?: string;
  request: {
    method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
    auth?: 'token' | 'none' | 'invalid';
    client?: string;
  };
  expect: {
    status: number;
    headers?: Record<string, string>;
    body?: { match: 'exact' | 'subset' | 'keys' | 'empty'; value?: unknown };
    count?: number;
    text?: { contains?: string[]; excludes?: string[] };
    /** A file under scenarios/ the raw body must equal byte for byte. */
    file?: string;
  };
  capture?: Record<string, string>;
}

/** A wrong SIS: what it sends instead, and which of the scenario's checks must fail on it. */
export interface WrongSis {
  mistake: string;
  steps: Step[];
  /** The checks (by `that`) that must fail; `finding`: a rule id the failure must name. */
  fails: { that: string; finding?: string }[];
}

/** A request the journal must (not) contain. */
export interface JournalMatch {
  method?: string;
  resource?: string;
  status?: number;
  statusClass?: '2xx' | '4xx' | '5xx';
}

/** A certification assertion on the resulting data or on the journal of requests. */
export interface Assertion {
  that: string;
  data?: { path: string; count?: number; orderBy?: string; items?: unknown[] };
  journal?: { order?: JournalMatch[]; none?: JournalMatch; some?: JournalMatch };
  /** The year's validation report (`GET /{year}/validations`, edfi-mock): rule ids with no finding / with one. */
  report?: { excludes?: string[]; includes?: string[] };
}

/** Items a scenario's `given` loads first (scenarios/fixtures/<name>.yaml). */
export interface Fixture {
  name: string;
  description?: string;
  /** Fixture sets loaded before this one's items (e.g. a sample district built from the scenarios' fixtures). */
  include?: string[];
  items: { path: string; body: unknown; dataStandards?: string[] }[];
  /** What `serve --seed` prints once loaded: per entry, the values of some members of the items at `path`. */
  show?: { label: string; path: string; members: string[] }[];
  file: string;
}

/** The outcome of one step. */
export interface StepResult {
  name: string;
  request: { method: string; path: string; body?: unknown };
  expected: Step['expect'];
  actual: { status: number; headers: Record<string, string>; body?: unknown };
  passed: boolean;
  diffs: string[];
}

/** The outcome of one certification assertion. */
export interface AssertionResult {
  that: string;
  passed: boolean;
  diffs: string[];
}

/** The outcome of one scenario. */
export interface ScenarioResult {
  id: string;
  title: string;
  profile: string;
  schoolYear?: number;
  source: Scenario['source'];
  reading?: string;
  file: string;
  status: 'passed' | 'failed' | 'error';
  /** Set when the scenario could not run (fixtures refused, target unreachable). */
  error?: string;
  steps: StepResult[];
  assertions: AssertionResult[];
  ms: number;
}

/** A whole run: what the reporters print. */
export interface RunReport {
  target: string;
  startedAt: string;
  ms: number;
  results: ScenarioResult[];
  counts: { passed: number; failed: number; error: number };
}
