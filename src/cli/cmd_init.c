/* kith init: starts a new journal with a root file, contacts, goals and a
 * journal folder. Never overwrites an existing file. */
#include <errno.h>
#include <fcntl.h>
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

static int write_new(const char *dir, const char *name, const char *text)
{
	kith_buf p = {0};
	int fd, rc = 0;
	size_t n = strlen(text);

	kith_buf_printf(&p, "%s/%s", dir, name);
	fd = open(kith_buf_cstr(&p), O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0) {
		kith_cli_error(
		    "cannot create '%s': %s", p.p,
		    errno == EEXIST
		        ? "it already exists (kith init never overwrites)"
		        : strerror(errno));
		rc = errno == EEXIST ? KITH_EXIT_USAGE : KITH_EXIT_SYSTEM;
	} else {
		if (write(fd, text, n) != (ssize_t)n)
			rc = KITH_EXIT_SYSTEM;
		if (close(fd) != 0)
			rc = KITH_EXIT_SYSTEM;
		if (!rc)
			printf("created %s\n", p.p);
	}
	kith_buf_free(&p);
	return rc;
}

int kith_cmd_init(kith_cli *c)
{
	const char *dir = c->nargs ? c->args[0] : ".";
	char journal_text[128];
	char month[11], name[32];
	kith_buf jd = {0};
	int rc;

	if (c->nargs > 1) {
		kith_cli_error("'init' takes at most one folder");
		return KITH_EXIT_USAGE;
	}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		kith_cli_error("cannot create '%s': %s", dir, strerror(errno));
		return KITH_EXIT_SYSTEM;
	}
	{
		kith_buf p = {0};
		struct stat st;
		kith_buf_printf(&p, "%s/kith.yaml", dir);
		if (stat(kith_buf_cstr(&p), &st) == 0) {
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
	if (mkdir(kith_buf_cstr(&jd), 0755) != 0 && errno != EEXIST) {
		kith_cli_error("cannot create '%s': %s", jd.p, strerror(errno));
		kith_buf_free(&jd);
		return KITH_EXIT_SYSTEM;
	}
	kith_buf_free(&jd);
	if ((rc = write_new(dir, "kith.yaml", root_text)) ||
	    (rc = write_new(dir, "contacts.yaml", contacts_text)) ||
	    (rc = write_new(dir, "goals.yaml", goals_text)) ||
	    (rc = write_new(dir, name, journal_text)))
		return rc;
	return KITH_EXIT_OK;
}
