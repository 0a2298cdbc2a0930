// SPDX-License-Identifier: MIT
/*
 * Strict parsing of numbers and tool options, shared by the CLI, the built-in
 * tools and plugins: a value is either exactly what was asked for or an error
 * that names it. strtol()'s leniencies (an empty string is 0, "12abc" is 12,
 * "-5" wraps to a huge unsigned, an overflow saturates) each hid a wrong input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hytrace.h"
#include "session.h"

int hy_parse_int(const char *s, int64_t min, int64_t max, int64_t *value)
{
	const char *p = s;
	char *end;
	long long v;

	if (!s || !*s)
		return -EINVAL;
	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return -EINVAL; /* no blanks, no second sign, no "0x" either */
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*value = v;
	return 0;
}

int hy_parse_double(const char *s, double min, double max, double *value)
{
	char *end;
	double v;

	if (!s || !*s || strchr(" \t\n\v\f\r", *s))
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (*end || !isfinite(v))
		return -EINVAL; /* "nan", "inf" and hexadecimal oddities included */
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*value = v;
	return 0;
}

int hy_parse_duration_ns(const char *s, uint64_t max_ns, uint64_t *ns)
{
	static const struct {
		const char *unit;
		double ns;
	} units[] = {
		{ "", 1e3 }, { "us", 1e3 }, { "ns", 1 }, { "ms", 1e6 }, { "s", 1e9 },
	};
	size_t digits = s ? strspn(s, "0123456789.") : 0;
	char number[32];
	double v;
	int err;

	if (!digits || digits >= sizeof(number))
		return -EINVAL;
	memcpy(number, s, digits);
	number[digits] = 0;
	err = hy_parse_double(number, 0, 1e18, &v);
	if (err)
		return err;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(s + digits, units[i].unit))
			continue;
		/* past the bound (or the nanoseconds' range): refused, never cut */
		if (v * units[i].ns > (double)max_ns || v * units[i].ns >= 9.2e18)
			return -ERANGE;
		*ns = v * units[i].ns;
		return 0;
	}
	return -EINVAL;
}

static bool listed(const char *key, const char *const *known)
{
	for (int i = 0; known && known[i]; i++)
		if (!strcmp(key, known[i]))
			return true;
	return false;
}

int hy_options_known(struct hy_ctx *ctx, const char *const *known)
{
	const struct hy_tool_inst *ti = &ctx->s->tools[ctx->tool];
	char list[256] = "";
	size_t n = 0;

	for (int i = 0; i < ti->nopts; i++) {
		if (listed(ti->keys[i], known))
			continue;
		for (int k = 0; known && known[k] && n < sizeof(list); k++)
			n += snprintf(list + n, sizeof(list) - n, "%s%s", k ? ", " : "", known[k]);
		return hy_fail(ctx, -EINVAL, "unknown option '%s' (%s%s)", ti->keys[i],
			       n ? "it takes: " : "it takes none", list);
	}
	return 0;
}

int hy_option_int(struct hy_ctx *ctx, const char *key, int64_t min, int64_t max, int64_t *value)
{
	const char *v = hy_option(ctx, key);

	if (!v)
		return 0;
	if (hy_parse_int(v, min, max, value))
		return hy_fail(ctx, -EINVAL, "%s=%s: want a whole number from %lld to %lld", key, v,
			       (long long)min, (long long)max);
	return 0;
}

int hy_option_double(struct hy_ctx *ctx, const char *key, double min, double max, double *value)
{
	const char *v = hy_option(ctx, key);

	if (!v)
		return 0;
	if (hy_parse_double(v, min, max, value))
		return hy_fail(ctx, -EINVAL, "%s=%s: want a number from %g to %g", key, v, min,
			       max);
	return 0;
}
