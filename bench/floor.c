/* The benchmark's floor: the least work any loader of the journal must do.
 * Reads every file under a folder, finds its lines with memchr and runs
 * libyaml's event parser over all of its YAML: the YAML files, and in the
 * Markdown files each entry's metadata block (the lines after a "## "
 * heading up to the first blank one, when the first looks like "key:")
 * and a leading "---" front matter, each parsed as its own document, as a
 * loader must (headings inside ``` or ~~~ fences don't count); prints the
 * totals. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

static long long lines, events, bytes, blocks;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct stat st;
	if (fstat(fileno(f), &st) != 0) {
		fclose(f);
		return NULL;
	}
	char *buf = malloc((size_t)st.st_size + 1);
	*len = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
	fclose(f);
	return buf;
}

static void yaml_events(const char *buf, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev))
			break;
		int end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		events++;
		if (end)
			break;
	}
	yaml_parser_delete(&p);
}

/* A metadata block's first line: "key:" at the start of the line. */
static int looks_like_key(const char *s, const char *e)
{
	const char *c = s;
	while (c < e && (*c == '_' || *c == '-' || (*c >= 'a' && *c <= 'z') ||
	                 (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')))
		c++;
	return c > s && c < e && *c == ':' && (c + 1 == e || c[1] == ' ');
}

static void yaml_block(const char *s, const char *e)
{
	if (e > s) {
		blocks++;
		yaml_events(s, (size_t)(e - s));
	}
}

/* The line scan of a Markdown file, with its YAML parsed block by block. */
static void markdown(const char *buf, size_t len)
{
	enum { BODY, AFTER_HEADING, META, FRONT } st = BODY;
	const char *blk = NULL, *s = buf, *e = buf + len;
	int fence = 0;
	if (len >= 4 && memcmp(buf, "---\n", 4) == 0) {
		st = FRONT;
		blk = s = buf + 4;
		lines++;
	}
	for (; s < e; lines++) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		const char *le = nl ? nl : e, *next = nl ? nl + 1 : e;
		if (st == FRONT) {
			if (le - s == 3 && memcmp(s, "---", 3) == 0) {
				yaml_block(blk, s);
				st = BODY;
			}
		} else if (st == META && le == s) {
			yaml_block(blk, s);
			st = BODY;
		} else if (st == AFTER_HEADING) {
			st = looks_like_key(s, le) ? META : BODY;
			blk = s;
		} else if (st == BODY && le - s >= 3 &&
		           (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0))
			fence = !fence;
		else if (st == BODY && !fence && le - s >= 3 &&
		         memcmp(s, "## ", 3) == 0)
			st = AFTER_HEADING;
		s = next;
	}
	if (st == META)
		yaml_block(blk, e);
}

static int ends_with(const char *path, const char *ext)
{
	size_t n = strlen(path), m = strlen(ext);
	return n > m && strcmp(path + n - m, ext) == 0;
}

static void one_file(const char *path)
{
	size_t len = 0;
	char *buf = slurp(path, &len);
	if (!buf)
		return;
	bytes += (long long)len;
	if (ends_with(path, ".md")) {
		markdown(buf, len);
	} else {
		for (const char *s = buf, *e = buf + len; s < e; lines++) {
			const char *nl = memchr(s, '\n', (size_t)(e - s));
			s = nl ? nl + 1 : e;
		}
		if (ends_with(path, ".yaml"))
			yaml_events(buf, len);
	}
	free(buf);
}

static void walk(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		struct stat st;
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			walk(path);
		else if (S_ISREG(st.st_mode))
			one_file(path);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: floor DIR\n");
		return 2;
	}
	walk(argv[1]);
	printf("%lld bytes, %lld lines, %lld yaml events (%lld blocks in "
	       "Markdown)\n",
	       bytes, lines, events, blocks);
	return 0;
}
