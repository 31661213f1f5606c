/* Check: resolves references and runs the rule table over a loaded
 * journal, emitting diagnostics into j->diags. Never prints.
 * Internal header for src/check, src/cli and tests/. */
#ifndef KITH_CHECK_H
#define KITH_CHECK_H

#include "model/model.h"

/* Resolves references (kind_idx, event_idx, via_idx, metric queries...)
 * and reports every rule violation. as_of is used for future-dated
 * interactions and missed checkpoints. */
void kith_check(kith_journal *j, kith_day as_of);

#endif
