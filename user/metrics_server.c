// SPDX-License-Identifier: MIT
/*
 * GET /metrics over HTTP, served by libmicrohttpd on a thread of its own (one
 * thread: scrapes come one at a time and need no locks among themselves). The
 * library is opened at the first --metrics, not linked (optional_lib.h). A
 * scrape folds the cgroups that are gone, reads the kernel's counts, and writes
 * them out (prometheus.c). It never touches the run's tools.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "hytrace.h"
#include "kernel_recorder.h"
#include "optional_lib.h"
#include "production.h"
#include "prometheus.h"
#include "session.h"

#define NAME_IDLE_S 60

/* libmicrohttpd's functions, resolved by the first hy_metrics_start() */
static struct {
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
	__typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_destroy_response) *destroy_response;
} mhd;

static int open_mhd(void)
{
	const struct hy_lib_sym syms[] = {
		{ "MHD_start_daemon", (void **)&mhd.start_daemon },
		{ "MHD_stop_daemon", (void **)&mhd.stop_daemon },
		{ "MHD_create_response_from_buffer", (void **)&mhd.create_response_from_buffer },
		{ "MHD_add_response_header", (void **)&mhd.add_response_header },
		{ "MHD_queue_response", (void **)&mhd.queue_response },
		{ "MHD_destroy_response", (void **)&mhd.destroy_response },
	};

	/* a session's first --metrics, on the thread that starts the run */
	if (mhd.destroy_response)
		return 0;
	return hy_lib_open("libmicrohttpd.so.12", syms, sizeof(syms) / sizeof(syms[0]));
}

struct hy_metrics {
	struct MHD_Daemon *d;
	struct hy_session *s;
	struct hy_cgnames names; /* the server thread's own */
};

static void names_of(void *ctx, uint64_t group, const char **cgroup, const char **container)
{
	struct hy_metrics *m = ctx;
	const struct hy_cgname *n = hy_cgnames_get(&m->names, group);

	*cgroup = n->path ? n->path : "";
	*container = n->container ? n->container : "";
}

static uint64_t load(const uint64_t *v)
{
	return __atomic_load_n(v, __ATOMIC_RELAXED);
}

/* Read while the run goes on: each a plain 8-byte load of a value the run thread writes. */
static void health(struct hy_metrics *m, const struct hy_agg_snap *snap, struct hy_prom_health *h)
{
	struct hy_session *s = m->s;
	struct hy_production *p = s->prod;
	uint64_t now = hy_now_ns();

	memset(h, 0, sizeof(*h));
	for (size_t i = 0; i < snap->nrows; i++)
		h->events += snap->rows[i].v.calls + snap->rows[i].v.unfinished;
	h->missed = hy_agg_missed(p->agg);
	h->untracked = hy_agg_untracked(p->agg);
	h->untimed = hy_agg_untimed(p->agg);
	h->overflowed = hy_agg_overflowed(p->agg);
	h->uptime_s = (now - p->started_ns) / 1e9;
	if (s->krec) {
		uint64_t last = load(&s->drain.last_ns);

		h->lost = hy_krec_lost(s->krec);
		h->missed += hy_krec_missed(s->krec);
		h->backlog = hy_krec_backlog(s->krec);
		h->drain_lag_s = last && now > last ? (now - last) / 1e9 : 0;
	}
}

static char *exposition(struct hy_metrics *m, size_t *len)
{
	struct hy_prom_health h;
	struct hy_agg_snap snap;
	char *text = NULL;
	FILE *f;

	hy_totals_sweep(m->s);
	if (hy_totals_snapshot(m->s, &snap))
		return NULL;
	f = open_memstream(&text, len);
	if (f) {
		health(m, &snap, &h);
		hy_prom_write(f, &snap, names_of, m, &h);
		fclose(f);
	}
	hy_agg_snap_free(&snap);
	hy_cgnames_sweep(&m->names, time(NULL) - NAME_IDLE_S);
	return text;
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned int code, char *body, size_t len,
			     const char *type)
{
	struct MHD_Response *r = mhd.create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ret;

	if (!r) {
		free(body);
		return MHD_NO;
	}
	mhd.add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	ret = mhd.queue_response(c, code, r);
	mhd.destroy_response(r);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *data,
				  size_t *data_len, void **con_cls)
{
	struct hy_metrics *m = cls;
	size_t len = 0;
	char *body;

	(void)version;
	(void)data;
	(void)data_len;
	(void)con_cls;
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, strdup("GET /metrics\n"), 13,
			     "text/plain");
	if (strcmp(url, "/metrics"))
		return reply(c, MHD_HTTP_NOT_FOUND, strdup("hytrace serves GET /metrics\n"), 28,
			     "text/plain");
	body = exposition(m, &len);
	if (!body)
		return reply(c, MHD_HTTP_INTERNAL_SERVER_ERROR, strdup("cannot read the counts\n"),
			     23, "text/plain");
	return reply(c, MHD_HTTP_OK, body, len, "text/plain; version=0.0.4; charset=utf-8");
}

/* "IP:PORT" or "[IPv6]:PORT" into a socket address. */
static int parse_addr(const char *addr, struct sockaddr_storage *ss, bool *v6)
{
	char host[INET6_ADDRSTRLEN + 2];
	const char *colon = strrchr(addr, ':');
	char *end;
	long port;
	size_t n;

	if (!colon || colon == addr)
		return -EINVAL;
	port = strtol(colon + 1, &end, 10);
	n = colon - addr;
	if (*end || port <= 0 || port > 65535 || n >= sizeof(host))
		return -EINVAL;
	memcpy(host, addr, n);
	host[n] = 0;
	memset(ss, 0, sizeof(*ss));
	*v6 = host[0] == '[';
	if (*v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		if (host[n - 1] != ']')
			return -EINVAL;
		host[n - 1] = 0;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons(port);
		return inet_pton(AF_INET6, host + 1, &a->sin6_addr) == 1 ? 0 : -EINVAL;
	}
	struct sockaddr_in *a = (struct sockaddr_in *)ss;

	a->sin_family = AF_INET;
	a->sin_port = htons(port);
	return inet_pton(AF_INET, host, &a->sin_addr) == 1 ? 0 : -EINVAL;
}

int hy_metrics_check(const char *addr)
{
	struct sockaddr_storage ss;
	bool v6;

	if (parse_addr(addr, &ss, &v6))
		return hy_error(-EINVAL, "--metrics %s: not IP:PORT (e.g. 127.0.0.1:9464)", addr);
	return 0;
}

int hy_metrics_start(struct hy_session *s, const char *addr, struct hy_metrics **out)
{
	struct sockaddr_storage ss;
	struct hy_metrics *m;
	sigset_t all, old;
	bool v6;
	int err = parse_addr(addr, &ss, &v6);

	if (err)
		return hy_error(err, "--metrics %s: not IP:PORT (e.g. 127.0.0.1:9464)", addr);
	err = open_mhd();
	if (err)
		return hy_error(err, "--metrics: %s", hy_last_error());
	m = calloc(1, sizeof(*m));
	if (!m)
		return hy_error(-ENOMEM, "out of memory");
	m->s = s;
	/* the server's thread takes no signals: Ctrl-C and SIGTERM reach the run */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	m->d = mhd.start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | (v6 ? MHD_USE_IPv6 : 0),
				ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port :
					   ((struct sockaddr_in *)&ss)->sin_port),
				NULL, NULL, on_request, m, MHD_OPTION_SOCK_ADDR, &ss,
				MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_END);
	err = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!m->d) {
		free(m);
		return hy_error(-(err ? err : EADDRINUSE), "--metrics %s: cannot listen: %s", addr,
				strerror(err ? err : EADDRINUSE));
	}
	*out = m;
	return 0;
}

void hy_metrics_stop(struct hy_metrics *m)
{
	if (!m)
		return;
	mhd.stop_daemon(m->d);
	hy_cgnames_free(&m->names);
	free(m);
}
