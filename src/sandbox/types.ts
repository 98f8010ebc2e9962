import type { Client } from '../auth/clients';
import type { TemplateSpec } from './templates';

/** What a sandbox may hold: documents in all its school years, and active tokens of all its clients. */
export interface SandboxLimits {
  documents: number;
  tokens: number;
}

/** A sandbox as the catalogue records it (so a persisted server brings it back after a restart). */
export interface SandboxRecord {
  /** Lower-case letters and digits (it names the sandbox's journal folder or PostgreSQL schemas). */
  id: string;
  name: string;
  profile: string;
  /** Its school years (all of the profile's when absent). */
  years?: number[];
  template: TemplateSpec;
  createdAt: string;
  /** Its API clients: a token of one of them reaches this sandbox and nothing else. */
  clients: Client[];
  limits: SandboxLimits;
}
