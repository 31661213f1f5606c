/* Check: resolves references and runs the rule table over a loaded
 * journal, emitting diagnostics into j->diags. Never prints.
 * Internal header for src/check, src/cli and tests/. */
#ifndef KITH_CHECK_H
#define KITH_CHECK_H

#include "model/model.h"

/* Resolves references (kind_idx, event_idx, via_idx, metric queries...)
 * and reports every rule violation. as_of is used for future-dated
 * interactions and missed checkpoints. */
/* Missed checkpoints are judged by judge (compute's
 * kith_checkpoint_misses, passed in by the library: check never includes
 * compute); NULL skips them. */
void kith_check(kith_journal *j, kith_day as_of, kith_cp_judge judge);

/* Leaves out the interactions (and their follow-ups) that hold an error
 * diagnostic, so that reports compute over what loaded cleanly: an
 * interaction spans from its heading (or list item) to the next one of
 * its file. Returns how many were left out. Call after kith_check; model
 * indexes into interactions and follow-ups change. */
uint32_t kith_check_leave_out(kith_journal *j);

#endif
