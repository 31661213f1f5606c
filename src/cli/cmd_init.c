/* kith init: starts a new journal with a root file, contacts, goals and a
 * journal folder, all or nothing, through the safe-write path. Never
 * overwrites an existing file. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static const char root_text[] = "# kith journal — format v1 (see 'man kith')\n"
                                "kith: 1\n"
                                "owner: Your Name\n"
                                "include:\n"
                                "  - contacts.yaml\n"
                                "  - goals.yaml\n"
                                "  - \"journal/*.md\"\n";

static const char contacts_text[] = "contacts:\n"
                                    "  example:\n"
                                    "    name: Example Person\n"
                                    "    roles: [peer]\n"
                                    "    notes: |\n"
                                    "      Replace me with someone you know.\n";

static const char goals_text[] = "goals:\n"
                                 "  grow-network:\n"
                                 "    title: Meet new people in my field\n"
                                 "    horizon: short\n"
                                 "    metrics:\n"
                                 "      new-people:\n"
                                 "        measure: new-contacts\n"
                                 "        target: 2\n"
                                 "        per: month\n";

/* A folder made for the journal; removed again when init fails. */
static int make_dir(const char *path, int *made)
{
	*made = 0;
	if (mkdir(path, 0777) == 0) {
		*made = 1;
		return 0;
	}
	if (errno == EEXIST)
		return 0;
	kith_cli_error("cannot create '%s': %s", path, strerror(errno));
	return -1;
}

/* Stages the four files and commits them together: a journal is made
 * whole or not at all, and no existing file is ever overwritten. */
static int write_all_files(const char *dir, const char *month_file,
                           const char *journal_text)
{
	const char *names[] = {"kith.yaml", "contacts.yaml", "goals.yaml",
	                       month_file};
	const char *texts[] = {root_text, contacts_text, goals_text,
	                       journal_text};
	kith_buf paths[4] = {{0}};
	kith_txn *t = kith_txn_new();
	kith_sw_error e;
	int rc = KITH_EXIT_OK;
	size_t i;

	for (i = 0; i < 4 && !rc; i++) {
		kith_buf_printf(&paths[i], "%s/%s", dir, names[i]);
		if (kith_txn_put(t, kith_buf_cstr(&paths[i]), NULL, texts[i],
		                 strlen(texts[i]), NULL, KITH_SW_CREATE,
		                 &e) != 0)
			rc = e.status == KITH_SW_EXISTS ? KITH_EXIT_USAGE
			                                : KITH_EXIT_SYSTEM;
	}
	if (!rc && kith_txn_commit(t, &e) != 0)
		rc = e.status == KITH_SW_EXISTS ? KITH_EXIT_USAGE
		                                : KITH_EXIT_SYSTEM;
	if (rc)
		kith_cli_write_error(&e);
	for (i = 0; i < 4; i++) {
		if (!rc)
			printf("created %s\n", paths[i].p);
		kith_buf_free(&paths[i]);
	}
	kith_txn_free(t);
	return rc;
}

int kith_cmd_init(kith_cli *c)
{
	const char *dir = c->nargs ? c->args[0] : ".";
	char journal_text[128];
	char month[11], name[32];
	kith_buf jd = {0};
	int rc, made_dir = 0, made_jd = 0;

	if (c->nargs > 1) {
		kith_cli_error("'init' takes at most one folder");
		return KITH_EXIT_USAGE;
	}
	{
		kith_buf p = {0};
		struct stat st;
		kith_buf_printf(&p, "%s/kith.yaml", dir);
		if (lstat(kith_buf_cstr(&p), &st) == 0) {
			kith_cli_error("'%s' already exists; kith init never "
			               "overwrites a journal",
			               p.p);
			kith_buf_free(&p);
			return KITH_EXIT_USAGE;
		}
		kith_buf_free(&p);
	}
	kith_date_fmt(c->as_of, month);
	month[7] = '\0';
	snprintf(journal_text, sizeof journal_text,
	         "# %s\n\n## %s-01 Started my networking journal #note\n",
	         month, month);
	snprintf(name, sizeof name, "journal/%s.md", month);
	kith_buf_printf(&jd, "%s/journal", dir);
	if (make_dir(dir, &made_dir) != 0 ||
	    make_dir(kith_buf_cstr(&jd), &made_jd) != 0)
		rc = KITH_EXIT_SYSTEM;
	else
		rc = write_all_files(dir, name, journal_text);
	if (rc && made_jd)
		rmdir(jd.p);
	if (rc && made_dir)
		rmdir(dir);
	kith_buf_free(&jd);
	return rc;
}
