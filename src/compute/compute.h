/* Compute: answers one question about a checked journal as a report
 * struct. Never prints. Internal header for src/compute, src/cli, tests/. */
#ifndef KITH_COMPUTE_H
#define KITH_COMPUTE_H

#include "query/query.h"
#include "compute/report.h"
#include "model/model.h"

typedef struct {
	kith_day as_of;
	kith_period period; /* -p; from/to KITH_NO_DAY when not given */
	int has_period;
	kith_query *query; /* NULL = all */
	const char *query_text;
	kith_dur within;     /* due --within, default 14d */
	unsigned due_types;  /* due type: terms, bits by kith_due_kind; 0 all */
	unsigned due_states; /* due state: terms, bits by KITH_DUE_OVERDUE..;
	                        0 all */
	int freq;            /* goals: -1 none, else kith_per */
	const char *target;  /* show: HANDLE|GOAL|EVENT */
	int redact;          /* contacts as initials */
	int private_fields;  /* include email, phone, birthday, notes */
	int summary;         /* report --summary: the first page only */
	uint32_t limit;      /* log -n: the N most recent matches; 0 all */
	int reverse;         /* log --reverse: newest first */
	int due_done;        /* due: also what was done in the last 30 days,
	                        in section "done" (the calendar feed) */
} kith_opts;

/* ---- shared analyses (touch.c, followups.c, metrics.c); cmd_NAME.c files
 * compute kith NAME, the others shared pieces (docs/architecture.md) ---- */

/* Last touch per contact on or before as_of (KITH_NO_DAY if none). */
typedef struct {
	kith_day last_touch;  /* KITH_NO_DAY: never */
	kith_day first_touch; /* earlier of met and first interaction */
	uint32_t count;       /* interactions with them up to as_of */
	int has_cadence;
	kith_cadence cadence; /* own, else the first role's with a cadence */
	const char *cadence_from;    /* "own" or the role name */
	kith_day due_on, overdue_on; /* KITH_NO_DAY without cadence */
	int state;                   /* 0 ok, 1 due, 2 overdue, -1 no cadence */
} kith_touch;
/* Returns an array of j->contacts.n entries (malloc'd). */
kith_touch *kith_touch_compute(const kith_journal *j, kith_day as_of);

/* Every interaction's kind and participants, looked up once for a command
 * that goes over the interactions several times: kind[i] is the index of
 * interaction i's kind (KITH_NONE when unknown), c[off[i] + w] what
 * kith_participant(j, &interactions[i], w) returns, date[i] its date: a
 * pass over these reads no interaction record. */
typedef struct {
	uint32_t *off, *c, *kind;
	kith_day *date;
} kith_parts;
void kith_parts_init(kith_parts *p, const kith_journal *j);
void kith_parts_free(kith_parts *p);
/* kith_interaction_touches, from the table. */
int kith_parts_touches(const kith_journal *j, const kith_parts *p, uint32_t ix);
/* kith_touch_compute with the lookups of p (NULL: looked up here). */
kith_touch *kith_touch_compute_p(const kith_journal *j, const kith_parts *p,
                                 kith_day as_of);

/* A follow-up obligation: a task item, a YAML follow-up, or one owed by a
 * follow-up rule. */
typedef enum { KITH_FU_TASK, KITH_FU_RULE } kith_fu_source;
typedef struct {
	kith_fu_source source;
	uint32_t interaction; /* triggering / owning interaction */
	uint32_t followup;    /* KITH_FU_TASK: index in j->followups */
	uint32_t rule;        /* KITH_FU_RULE: index in j->rules */
	uint32_t contact;     /* KITH_FU_RULE: the participant owed */
	kith_day due;         /* KITH_NO_DAY: no due date */
	kith_day done;        /* KITH_NO_DAY: open (as of) */
	uint32_t
	    settled_by; /* KITH_FU_RULE: settling interaction or KITH_NONE */
	int late;       /* done after due */
} kith_fu;
typedef KITH_VEC(kith_fu) kith_fus;
/* When a task item is done as of as_of (KITH_NO_DAY: open), entry its
 * entry's date: the one answer for due, the feed and notes. */
kith_day kith_fu_task_done(const kith_followup *f, kith_day entry,
                           kith_day as_of);
/* All obligations, ordered by due date then source order. Completion after
 * as_of is treated as not yet done. */
void kith_fu_compute(const kith_journal *j, kith_day as_of, kith_fus *out);
/* The same with the lookups of p (NULL: looked up here). */
void kith_fu_compute_p(const kith_journal *j, const kith_parts *p,
                       kith_day as_of, kith_fus *out);
/* The same, only those not done as of as_of (done == KITH_NO_DAY), in
 * the same order. */
void kith_fu_compute_open(const kith_journal *j, const kith_parts *p,
                          kith_day as_of, kith_fus *out);
/* Who an obligation is about, the one answer for due, report and show: a
 * task's own @mentions, else its entry's participants; the owed contact
 * of a rule (stored in *one). */
kith_refs kith_fu_who(const kith_journal *j, const kith_fu *f, kith_ref *one);
/* The same, as "@hannah, @ravi" (initials under redact). */
const char *kith_fu_who_text(kith_report *r, const kith_journal *j,
                             const kith_fu *f, int redact);

/* One metric's value over [from, to]. */
typedef struct {
	double actual;     /* count or percent */
	int defined;       /* rates: 0 when there is nothing to rate */
	uint32_t num, den; /* rates: numerator / denominator */
} kith_mval;
typedef enum {
	KITH_PACE_MET,
	KITH_PACE_ON_TRACK,
	KITH_PACE_BEHIND,
	KITH_PACE_NOT_STARTED, /* bucket after as_of or before goal start */
	KITH_PACE_CLOSED       /* a past bucket that missed its target */
} kith_pace_status;
extern const char *const kith_pace_names[];
/* The bucket of metric m containing day, clipped to the goal's span. */
kith_period kith_metric_bucket(const kith_goal *g, const kith_metric *m,
                               kith_day day);
/* Pace status for a bucket, given as_of. *pace = target x elapsed fraction. */
kith_pace_status kith_metric_status(const kith_metric *m, kith_period bucket,
                                    kith_day as_of, kith_mval v, double *pace);

/* Checkpoints on or before as_of whose expectations are not met, appended
 * to out (a kith_cp_judge: check reports them as checkpoint-missed). */
void kith_checkpoint_misses(const kith_journal *j, kith_day as_of,
                            kith_cp_misses *out);

/* ---- cmd_due.c: the open items behind kith due and kith done ---- */
typedef enum {
	KITH_DUE_TASK,     /* a follow-up task: a = index in j->followups */
	KITH_DUE_OWED,     /* owed by a rule: a = interaction, b = contact,
	                      c = rule */
	KITH_DUE_CADENCE,  /* stay in touch: a = contact */
	KITH_DUE_ACTION,   /* goal action: a = goal, b = action */
	KITH_DUE_EVENT,    /* planned/registered event: a = event */
	KITH_DUE_BIRTHDAY, /* a = contact */
	KITH_DUE__COUNT
} kith_due_kind;
enum { KITH_DUE_OVERDUE, KITH_DUE_DUE, KITH_DUE_UPCOMING, KITH_DUE_OPEN };
extern const char *const kith_due_state_names[];
/* The names of the type: terms of 'kith due', by kith_due_kind. */
extern const char *const kith_due_type_names[KITH_DUE__COUNT];
typedef struct {
	uint8_t kind;  /* kith_due_kind */
	uint8_t state; /* KITH_DUE_OVERDUE.. (as of; no window) */
	/* the display widths of id, what, who and why in a text listing
	 * (cmd_due.c), KITH_DUE_TW_OTHER when not printable ASCII or longer */
	uint8_t tw[4];
	kith_day date, end;
	const char *type, *what, *who, *why, *uid;
	uint64_t hash;      /* the number the uid's 16 hex digits spell */
	const char *id;     /* shortest unique uid hash prefix, >= 4 chars */
	const char *source; /* "FILE:LINE" where the item is written */
	kith_pos pos;       /* the same position */
	uint32_t a, b, c;   /* model indexes, by kind (above) */
} kith_due_item;
#define KITH_DUE_TW_OTHER 255
typedef KITH_VEC(kith_due_item) kith_due_items;
/* Every open item as of o->as_of, without window or query, each with its
 * short id (unique among them) and source. Strings live in r's arena. */
void kith_due_all(const kith_journal *j, const kith_opts *o, kith_report *r,
                  kith_due_items *out);
/* due_uid.c: the UID of each kind of item of the feed, from the values
 * that identify it ("follow-up-<16 hex>@kith"), the same for an item open
 * (cmd_due.c) and done (due_done.c). type: the rule's expected kind as
 * the item's type shows it. Strings live in r's arena. */
/* "TYPE-<16 hex digits of h>@kith" */
const char *kith_uid_fmt(kith_report *r, const char *type, uint64_t h);
/* An item of type and kind written at pos, dated date, with its source
 * and no text yet (due_uid.c, for cmd_due.c and due_done.c alike). */
void kith_due_item_set(kith_due_item *it, kith_report *r, const kith_journal *j,
                       const char *type, kith_due_kind kind, kith_pos pos,
                       kith_day date);
/* What, who and why of a task follow-up (KITH_FU_TASK) or of an owed
 * rule (KITH_FU_RULE: it->type from kith_due_owed_type), described the
 * same whether it is open or done; it->uid is left NULL and it->hash set:
 * the UID is kith_uid_fmt(r, it->type, it->hash). */
void kith_due_task_item(kith_due_item *it, kith_report *r,
                        const kith_journal *j, const kith_fu *f, int redact);
const char *kith_due_owed_type(kith_report *r, const kith_rule *rl);
void kith_due_owed_item(kith_due_item *it, kith_report *r,
                        const kith_journal *j, const kith_fu *f, int redact);
/* due_on: the date the cadence first asks for a touch (kith_touch.due_on),
 * KITH_NO_DAY for a contact never touched nor met (due from any day on) */
const char *kith_uid_cadence(kith_report *r, kith_str handle, kith_day due_on);
const char *kith_uid_action(kith_report *r, const kith_goal *g,
                            const kith_action *a);
const char *kith_uid_event(kith_report *r, const kith_event *e);
const char *kith_uid_birthday(kith_report *r, const kith_contact *c);
/* The next known contact an action's text @mentions from *from on (the
 * handle's characters, without trailing '.' or '-'), *from moved past it;
 * KITH_NONE when there is none. */
uint32_t kith_action_mention(const kith_journal *j, kith_str text,
                             uint32_t *from);
/* due_done.c: section "done" of r: follow-ups, actions and stay-in-touch
 * cycles (closed by a touch) done in the 30 days up to o->as_of, each with the
 * UID it had while open (query and type: terms apply as for open items). */
void kith_due_done(const kith_journal *j, const kith_opts *o, kith_report *r);

/* ---- cmd_goals.c: the budget view shared with cmd_report.c ---- */
/* The target of metric m over window w: each bucket of its `per` adds its
 * target in proportion to the days of it w covers; rates are not summed. */
double kith_window_target(const kith_goal *g, const kith_metric *m,
                          kith_period w);
/* A long-form goals matrix section (KITH_CHART_MATRIX), and its rows for
 * every metric of g over p cut into calendar buckets of per. */
kith_section *kith_goals_matrix_section(kith_report *r, const char *id,
                                        const char *title);
void kith_goals_matrix_rows(kith_report *r, kith_section *s,
                            const kith_journal *j, const kith_goal *g,
                            kith_per per, kith_period p, kith_day as_of,
                            const kith_fus *fus);
/* Cells bucket, actual, target, pace, status of m over window w, as
 * 'kith goals -p' shows it. */
void kith_goal_window_cells(kith_report *r, const kith_journal *j,
                            const kith_goal *g, const kith_metric *m,
                            kith_period w, kith_day as_of, const kith_fus *fus,
                            kith_cell *cells);

/* ---- one function per command ---- */
kith_report *kith_compute_due(const kith_journal *j, const kith_opts *o);
kith_report *kith_compute_goals(const kith_journal *j, const kith_opts *o);
kith_report *kith_compute_report(const kith_journal *j, const kith_opts *o);
kith_report *kith_compute_log(const kith_journal *j, const kith_opts *o);
kith_report *kith_compute_contacts(const kith_journal *j, const kith_opts *o);
/* Returns NULL when o->target names nothing. */
kith_report *kith_compute_show(const kith_journal *j, const kith_opts *o);
kith_report *kith_compute_stats(const kith_journal *j, const kith_opts *o);

/* ---- redact.c: contacts as shown, and redaction ---- */
/* "@alice" or, redacted, "A.C.". */
const char *kith_who(kith_report *r, const kith_journal *j, uint32_t contact,
                     int redact);
/* Text with every @handle replaced by initials when redact is set. */
const char *kith_redact_text(kith_report *r, const kith_journal *j,
                             kith_str text, int redact);
/* "@handle" for a handle as written; redacted, the contact's initials (or
 * the first letter of an unknown handle). */
const char *kith_disp_who_ref(kith_report *r, const kith_journal *j,
                              kith_str handle, int redact);
/* Participants joined with ", ". */
const char *kith_disp_who_list(kith_report *r, const kith_journal *j,
                               const kith_refs *refs, int redact);
/* Names (goals, tags, roles) joined with ", "; NULL when empty. */
const char *kith_disp_names(kith_report *r, const kith_refs *refs);
/* The buffer's text copied into the report arena; frees the buffer. */
const char *kith_disp_buf(kith_report *r, kith_buf *b);

/* ---- entries.c: which entries concern what, and their order ---- */
/* The interaction's kind name ("note" when defaulted). */
kith_str kith_disp_kind(const kith_interaction *ix);
/* The title as shown beside a Kind column: without the "#KIND" hashtag
 * that names the entry's own kind when it is among the trailing hashtags
 * (other hashtags, and one inside the sentence, stay). */
kith_str kith_disp_title(kith_report *r, const kith_interaction *ix);
/* Whether the interaction names contact c as participant (1), mention (2). */
int kith_disp_involves(const kith_journal *j, const kith_interaction *ix,
                       uint32_t c);
/* Whether interaction ix is linked to event e (event: id). */
int kith_disp_at_event(const kith_journal *j, const kith_interaction *ix,
                       uint32_t e);
/* All interaction indexes in register order: date, time (untimed first),
 * file, line. malloc'd; *n set to j->interactions.n. */
uint32_t *kith_disp_chrono(const kith_journal *j, uint32_t *n);
/* The first place in chrono (n places of kith_disp_chrono; undated ones
 * first: KITH_NO_DAY is the least day) whose interaction is dated d or
 * later: binary search. */
uint32_t kith_disp_chrono_from(const kith_journal *j, const uint32_t *chrono,
                               uint32_t n, kith_day d);
/* Event indexes ordered by date, then id (malloc'd, j->events.n entries). */
uint32_t *kith_disp_events_by_date(const kith_journal *j);
/* What an obligation asks for: the task text, or "thank-you to @alice". */
const char *kith_disp_fu_text(kith_report *r, const kith_journal *j,
                              const kith_fu *f, int redact);
/* Whether an obligation concerns contact c. */
int kith_disp_fu_concerns(const kith_journal *j, const kith_fu *f, uint32_t c);
/* Records, for the note of interaction ix just set in column col of row
 * w, its task lines: where in the note, done or open as of as_of, the
 * date to show and the due:/done: tokens to drop (docs/html.md). Only
 * Markdown entries: a YAML entry's tasks are not lines of its notes. */
void kith_disp_note_tasks(kith_row w, uint32_t col, const kith_journal *j,
                          const kith_interaction *ix, kith_day as_of);

/* ---- display.c: values as shown in reports ---- */
/* "YYYY-MM-DD" in the report arena ("" for KITH_NO_DAY). */
const char *kith_disp_day(kith_report *r, kith_day d);
/* "file:line" of a position. */
const char *kith_disp_source(kith_report *r, const kith_journal *j,
                             kith_pos pos);
/* A period as the user would write it: "2026-11", "2026-Q4", "2026",
 * "2026-11-03" or "2026-01-01..2026-03-31". */
const char *kith_disp_period(kith_report *r, kith_period p);
/* A text cell from a slice; left empty when the slice is empty. */
void kith_disp_cell_str(kith_report *r, kith_cell *c, kith_str s);
/* The same for free text from the journal, redacted under --redact. */
void kith_disp_cell_redact(kith_report *r, const kith_journal *j, kith_cell *c,
                           kith_str s, int redact);
/* kith_checkpoint_eval with its summaries in the report arena. */
int kith_disp_checkpoint(kith_report *r, const kith_journal *j,
                         const kith_goal *g, const kith_checkpoint *cp,
                         kith_day as_of, const kith_fus *fus,
                         const char **expect, const char **actual);
/* A checkpoint verdict cell: upcoming, missed or met (styled). */
void kith_disp_verdict_cell(kith_report *r, kith_cell *c, int verdict);
/* A report's owner/as-of/redaction fields from the options. */
void kith_disp_init(kith_report *r, const kith_journal *j, const kith_opts *o);
/* Adds the report fact "warning" when n > 0 items hit the match limit of
 * the command's query. */
void kith_disp_limit_warning(kith_report *r, uint32_t n);
/* The same for every metric of goal g whose where: hit the limit. */
void kith_disp_metric_limit_warnings(kith_report *r, const kith_goal *g);

/* ---- src/compute/touch.c ---- */
/* Does interaction ix touch its participants (its kind has touch: true)? */
int kith_interaction_touches(const kith_journal *j, uint32_t ix);
/* The index of interaction ix's kind ("note" when it names none), or
 * KITH_NONE when the kind is unknown. */
uint32_t kith_interaction_kind(const kith_journal *j, uint32_t ix);
/* The contact index of participant i of ix, or KITH_NONE when unknown or
 * named again in the same interaction. */
uint32_t kith_participant(const kith_journal *j, const kith_interaction *ix,
                          uint32_t i);
/* Stay-in-touch state (0 ok, 1 due, 2 overdue) on day, given the last
 * touch on or before it (KITH_NO_DAY: none), as kith_touch_compute. */
int kith_cadence_state(const kith_contact *c, kith_cadence cadence,
                       kith_day last_touch, kith_day day);

/* ---- cmd_contacts.c: helpers shared with cmd_show.c and cmd_report.c ---- */
/* A stay-in-touch state cell: ok, due, overdue, or "-" (no cadence). */
void kith_disp_state_cell(kith_report *r, kith_cell *c, int state);
/* "MM-DD" or "YYYY-MM-DD"; NULL when the contact has no birthday. */
const char *kith_disp_birthday(kith_report *r, const kith_contact *k);
/* Contact indexes ordered by handle (malloc'd, j->contacts.n entries). */
uint32_t *kith_disp_by_handle(const kith_journal *j);

/* ---- src/compute/metrics.c ---- */
/* on-time-rate and in-touch-rate are percentages judged without pace. */
int kith_measure_is_rate(kith_measure m);
/* kith_metric_value with an explicit as-of date: nothing after it counts,
 * and an open follow-up is rated only once its due date has passed. */
kith_mval kith_metric_value_at(const kith_journal *j, const kith_goal *g,
                               const kith_metric *m, kith_day from, kith_day to,
                               const kith_fus *fus, kith_day as_of);
/* One metric over many buckets in one pass over the journal: buckets
 * sorted and disjoint; out[i] as kith_metric_value_at(buckets[i]). */
/* Metrics computed on j until the next call find the interactions of
 * their buckets in chrono (n places of kith_disp_chrono) by binary
 * search rather than by a walk over every entry; the caller keeps chrono
 * alive until it calls this again with NULL (j NULL: no order). */
void kith_metric_date_order(const kith_journal *j, const uint32_t *chrono,
                            uint32_t n);
void kith_metric_series(const kith_journal *j, const kith_goal *g,
                        const kith_metric *m, const kith_period *buckets,
                        uint32_t n, const kith_fus *fus, kith_day as_of,
                        kith_mval *out);
/* A checkpoint's verdict as of as_of: -1 upcoming, 0 missed, 1 met. Each
 * expected metric is counted from the goal's start to the checkpoint (to
 * as_of while upcoming); an undefined rate is no shortfall. Appends
 * "new-people 20, events 3" to expect, the actual values to actual, and
 * "new-people 14 of 20" for each shortfall to shortfall (any may be NULL). */
int kith_checkpoint_eval(const kith_journal *j, const kith_goal *g,
                         const kith_checkpoint *cp, kith_day as_of,
                         const kith_fus *fus, kith_buf *expect,
                         kith_buf *actual, kith_buf *shortfall);

/* ---- cmd_show.c: metric status cells shared with cmd_report.c ---- */
/* Fills 5 cells: bucket label, actual, target, pace, status of metric m in
 * its bucket containing day (clamped to the goal's span). */
void kith_disp_metric_cells(kith_report *r, const kith_journal *j,
                            const kith_goal *g, const kith_metric *m,
                            kith_day day, kith_day as_of, const kith_fus *fus,
                            kith_cell *cells);

#endif
