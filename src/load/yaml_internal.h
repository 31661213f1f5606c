/* Details of the YAML node tree shared by src/load/yaml.c and
 * src/load/yaml_model.c (and their unit tests). Include nowhere else. */
#ifndef KITH_YAML_INTERNAL_H
#define KITH_YAML_INTERNAL_H

#include "load/load.h"

/* Values of kith_ynode.quoted: how a scalar was written. Any non-zero
 * value means "not plain", so YAML never typed it. */
enum {
	KITH_YQ_PLAIN = 0,
	KITH_YQ_SINGLE = 1,  /* 'text' */
	KITH_YQ_DOUBLE = 2,  /* "text" */
	KITH_YQ_LITERAL = 3, /* | block */
	KITH_YQ_FOLDED = 4,  /* > block */
	KITH_YQ_ALIAS = 5    /* *alias: reported, read as an empty value */
};

#endif
