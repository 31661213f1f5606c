/* The benchmark's floor: the least work any loader of the journal must do.
 * Reads every file under a folder, finds its lines with memchr and runs
 * libyaml's event parser over the YAML files; prints the totals. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

static long long lines, events, bytes;

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

static void one_file(const char *path)
{
	size_t len = 0;
	char *buf = slurp(path, &len);
	if (!buf)
		return;
	bytes += (long long)len;
	for (const char *s = buf, *e = buf + len; s < e; lines++) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		s = nl ? nl + 1 : e;
	}
	size_t n = strlen(path);
	if (n > 5 && strcmp(path + n - 5, ".yaml") == 0)
		yaml_events(buf, len);
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
	printf("%lld bytes, %lld lines, %lld yaml events\n", bytes, lines, events);
	return 0;
}
