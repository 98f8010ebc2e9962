// G9 at scale: 1,000,000 documents through the journal (append, compaction snapshot, reload), in one process.
// Prints one JSON line: documents written, seconds per phase, the longest event-loop block during the snapshot.
'use strict';
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { statSync } = require('node:fs');
const { openPersistentStore } = require('../dist/store/journal-store');
const { createLogger } = require('../dist/util/logger');
const { storedDocument } = require('../dist/store/document-store');
const { stampAt } = require('../dist/util/etag');

const file = process.argv[2];
const N = Number(process.argv[3] || 1000000);
const logger = createLogger('silent');
const body = (i) =>
  JSON.stringify({
    entryDate: new Date(Date.UTC(1901, 0, 1) + Math.floor(i / 20) * 86400000).toISOString().slice(0, 10),
    schoolReference: { schoolId: 255901001 },
    studentReference: { studentUniqueId: `B${i % 20}` },
    entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade',
    entryTypeDescriptor: 'uri://ed-fi.org/EntryTypeDescriptor#Transfer from a public school in the same local education agency',
    exitWithdrawTypeDescriptor: 'uri://ed-fi.org/ExitWithdrawTypeDescriptor#Graduated',
    residencyStatusDescriptor: 'uri://ed-fi.org/ResidencyStatusDescriptor#Resident of admin unit and school area',
    educationPlans: [{ educationPlanDescriptor: 'uri://ed-fi.org/EducationPlanDescriptor#Career Pathway' }],
    notes: 'x'.repeat(600),
  });

(async () => {
  const t0 = Date.now();
  const p = await openPersistentStore(file, logger);
  for (let i = 0; i < N; i++) {
    const id = i.toString(16).padStart(32, '0');
    p.store.put(
      storedDocument({ id, resource: 'StudentSchoolAssociation', keys: [`StudentSchoolAssociation\u0000${i}`], body: body(i), stamp: stampAt(Date.now()) }),
    );
    if (i % 10000 === 0) await new Promise((ok) => setImmediate(ok));
  }
  await p.flush();
  const wrote = (Date.now() - t0) / 1000;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t1 = Date.now();
  await p.compact();
  loop.disable();
  const compactSeconds = (Date.now() - t1) / 1000;
  await p.close();
  const t2 = Date.now();
  const again = await openPersistentStore(file, logger);
  const reloadSeconds = (Date.now() - t2) / 1000;
  const reloaded = again.store.size();
  await again.close();
  console.log(
    JSON.stringify({
      documents: N,
      reloaded,
      writeSeconds: wrote,
      compactSeconds,
      compactLoopMaxMs: Math.round(loop.max / 1e6),
      reloadSeconds,
      journalMB: Math.round(statSync(file).size / 1e6),
    }),
  );
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
