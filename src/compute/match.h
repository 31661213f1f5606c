/* Query evaluation over an interaction that is not (as such) in the
 * journal: kith due matches a follow-up by the entry it comes from, with
 * the people the follow-up concerns as participants. Internal header for
 * src/compute and tests/. */
#ifndef KITH_MATCH_H
#define KITH_MATCH_H

#include "compute/query.h"
#include "compute/report.h"

/* As kith_query_match_interaction, for the interaction *ix (which may be a
 * modified copy of a journal interaction). */
int kith_query_match_ix(const kith_journal *j, const kith_query *q,
                        const kith_interaction *ix, int *failed);

/* Regexes that hit PCRE2's match limit count as no match. A query keeps
 * the largest number of items that failed so in one evaluation, so that a
 * goal metric's where: can be reported as possibly incomplete. */
void kith_query_note_limit(const kith_query *q, uint32_t items);
uint32_t kith_query_limit_items(const kith_query *q);

/* display.c: adds the report fact "warning" when n > 0 items hit the
 * match limit of the command's query. */
void kith_disp_limit_warning(kith_report *r, uint32_t n);
/* The same for every metric of goal g whose where: hit the limit. */
void kith_disp_metric_limit_warnings(kith_report *r, const kith_goal *g);

#endif
