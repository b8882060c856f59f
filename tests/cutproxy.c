/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cutproxy.c: a TCP proxy that cuts connections, for the sync fault tests.
 *
 *   cutproxy --port-file FILE --to HOST:PORT --cut K [--cuts N]
 *            [--direction up|down|both]
 *
 * Listens on 127.0.0.1 on a free port, which it writes to FILE (a
 * temporary file renamed over it, so a reader never sees half a number),
 * and forwards every connection it accepts to HOST:PORT.  Once K bytes
 * have gone through a connection in the direction given (up: client to
 * server, the default; down: server to client; both: the two added), it
 * resets both sides (SO_LINGER 0, so each sees a RST, not an orderly end)
 * and says so on stderr, one line a cut.  After N cuts (--cuts; default:
 * no limit; 0: never) connections pass through untouched.  A connection
 * that ends before K bytes is no cut.
 *
 * One process, one poll() loop, every socket non-blocking, one buffer
 * per direction: a side that does not read never stalls the others.
 * Stops on SIGTERM or SIGINT.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/sockios.h>
#endif

#define BUF 65536

enum { UP = 0, DOWN = 1 };

/* One direction of a connection: bytes read from one socket and not yet
 * written to the other. */
struct pipe {
	char buf[BUF];
	size_t off, len;
	int eof;			/* the reading side has ended */
	int shut;			/* and the writing side was told */
};

struct conn {
	int fd[2];			/* [UP]: the client, [DOWN]: the server */
	struct pipe p[2];		/* [UP]: client to server */
	long long moved[2];		/* bytes written on, per direction */
	int number;			/* 1, 2, ... in order of accept */
};

static volatile sig_atomic_t stopping;

static long long cut_at = -1;		/* K */
static long long cuts_left = -1;	/* N, -1: no limit */
static int direction = UP;		/* UP, DOWN, or 2 for both */
static int cuts_done;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: cutproxy --port-file FILE --to HOST:PORT"
	    " --cut K [--cuts N] [--direction up|down|both]\n");
	exit(2);
}

static int
nonblocking(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* Closes fd so that its peer gets a RST. */
static void
reset(int fd)
{
	struct linger l = { 1, 0 };

	if (fd < 0)
		return;
	setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
	close(fd);
}

static int
write_port_file(const char *path, int port)
{
	char tmp[PATH_MAX];
	FILE *f;

	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
		return -1;
	if ((f = fopen(tmp, "w")) == NULL)
		return -1;
	fprintf(f, "%d\n", port);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* A blocking connection to host:port (a local server answers at once),
 * made non-blocking afterwards; -1 on failure. */
static int
dial(const char *host, const char *port)
{
	struct addrinfo hints, *res, *ai;
	int fd = -1, one = 1;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &res) != 0)
		return -1;
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd >= 0) {
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof one);
		if (nonblocking(fd) != 0) {
			close(fd);
			fd = -1;
		}
	}
	return fd;
}

/* Bytes counted towards the cut so far. */
static long long
counted(const struct conn *c)
{
	return direction == 2 ? c->moved[UP] + c->moved[DOWN] :
	    c->moved[direction];
}

/* Whether c is one that gets cut: the cut is decided when the count is
 * reached, so that exactly N connections are cut. */
static int
armed(void)
{
	return cuts_left != 0;
}

/* Lets the kernel hand over what was written before the reset discards
 * it (a loopback peer takes it within a millisecond or two). */
static void
drain(int fd)
{
#ifdef SIOCOUTQ
	int i, q;

	for (i = 0; i < 200; i++) {
		if (ioctl(fd, SIOCOUTQ, &q) != 0 || q == 0)
			return;
		usleep(1000);
	}
#else
	(void)fd;
	usleep(20000);
#endif
}

static void
cut(struct conn *c)
{
	static const char *const names[] = { "up", "down", "both" };

	drain(c->fd[UP]);
	drain(c->fd[DOWN]);
	reset(c->fd[UP]);
	reset(c->fd[DOWN]);
	c->fd[UP] = c->fd[DOWN] = -1;
	cuts_done++;
	if (cuts_left > 0)
		cuts_left--;
	fprintf(stderr, "cutproxy: cut connection %d after %lld bytes %s"
	    " (%lld up, %lld down)\n", c->number, counted(c),
	    names[direction], c->moved[UP], c->moved[DOWN]);
}

static void
conn_close(struct conn *c)
{
	if (c->fd[UP] >= 0)
		close(c->fd[UP]);
	if (c->fd[DOWN] >= 0)
		close(c->fd[DOWN]);
	c->fd[UP] = c->fd[DOWN] = -1;
}

/* How many bytes direction d may read now: no more than the cut leaves. */
static size_t
room(const struct conn *c, int d)
{
	size_t n = sizeof c->p[d].buf - c->p[d].len;
	long long left;

	if (!armed() || (direction != 2 && direction != d))
		return n;
	left = cut_at - counted(c) - (long long)c->p[d].len;
	if (direction == 2)
		left -= (long long)c->p[!d].len;
	if (left < 0)
		left = 0;
	return (size_t)left < n ? (size_t)left : n;
}

/* Moves what it can in direction d (from fd[d] to fd[!d]).  Returns -1
 * when the connection is over (an error on either side). */
static int
pump(struct conn *c, int d, short rev_in)
{
	struct pipe *p = &c->p[d];
	int from = c->fd[d], to = c->fd[!d];
	size_t n;
	ssize_t r;

	if ((rev_in & (POLLIN | POLLHUP | POLLERR)) && !p->eof &&
	    p->len == 0 && (n = room(c, d)) > 0) {
		p->off = 0;
		r = read(from, p->buf, n);
		if (r > 0)
			p->len = (size_t)r;
		else if (r == 0)
			p->eof = 1;
		else if (errno != EAGAIN && errno != EINTR)
			return -1;
	}
	if (p->len > 0) {	/* one that cannot go says EAGAIN */
		r = send(to, p->buf + p->off, p->len, MSG_NOSIGNAL);
		if (r > 0) {
			p->off += (size_t)r;
			p->len -= (size_t)r;
			c->moved[d] += r;
		} else if (r < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
	}
	if (p->eof && p->len == 0 && !p->shut) {
		shutdown(to, SHUT_WR);
		p->shut = 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *port_file = NULL, *to = NULL;
	char host[256], port[16], *colon, *end;
	struct sockaddr_in sin;
	socklen_t sl = sizeof sin;
	struct conn **conns = NULL;
	struct pollfd *pfd = NULL;
	struct sigaction sa;
	int lfd, nconns = 0, cap = 0, accepted = 0, i, j, k, one = 1;

	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--port-file") == 0)
			port_file = argv[++i];
		else if (strcmp(argv[i], "--to") == 0)
			to = argv[++i];
		else if (strcmp(argv[i], "--cut") == 0) {
			cut_at = strtoll(argv[++i], &end, 10);
			if (*end != '\0' || cut_at < 0)
				usage();
		} else if (strcmp(argv[i], "--cuts") == 0) {
			cuts_left = strtoll(argv[++i], &end, 10);
			if (*end != '\0' || cuts_left < 0)
				usage();
		} else if (strcmp(argv[i], "--direction") == 0) {
			i++;
			if (strcmp(argv[i], "up") == 0)
				direction = UP;
			else if (strcmp(argv[i], "down") == 0)
				direction = DOWN;
			else if (strcmp(argv[i], "both") == 0)
				direction = 2;
			else
				usage();
		} else
			usage();
	}
	if (port_file == NULL || to == NULL || cut_at < 0 ||
	    (colon = strrchr(to, ':')) == NULL ||
	    (size_t)(colon - to) >= sizeof host || strlen(colon + 1) >=
	    sizeof port)
		usage();
	memcpy(host, to, (size_t)(colon - to));
	host[colon - to] = '\0';
	if (host[0] == '[' && host[strlen(host) - 1] == ']') {
		memmove(host, host + 1, strlen(host));
		host[strlen(host) - 1] = '\0';
	}
	snprintf(port, sizeof port, "%s", colon + 1);

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0) {
		perror("cutproxy: socket");
		return 1;
	}
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *)&sin, sizeof sin) != 0 ||
	    listen(lfd, 64) != 0 || nonblocking(lfd) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&sin, &sl) != 0) {
		perror("cutproxy: listen");
		return 1;
	}
	if (write_port_file(port_file, ntohs(sin.sin_port)) != 0) {
		fprintf(stderr, "cutproxy: %s: %s\n", port_file,
		    strerror(errno));
		return 1;
	}

	while (!stopping) {
		if (nconns + 1 > cap) {
			cap = cap != 0 ? cap * 2 : 16;
			conns = realloc(conns, cap * sizeof *conns);
			pfd = realloc(pfd, (1 + 2 * (size_t)cap) * sizeof *pfd);
			if (conns == NULL || pfd == NULL) {
				fprintf(stderr, "cutproxy: out of memory\n");
				return 1;
			}
		}
		pfd[0].fd = lfd;
		pfd[0].events = POLLIN;
		for (i = 0; i < nconns; i++) {
			struct conn *c = conns[i];

			for (j = 0; j < 2; j++) {
				/* fd[j] is read for direction j and written
				 * for direction !j. */
				short ev = 0;

				if (!c->p[j].eof && c->p[j].len == 0 &&
				    room(c, j) > 0)
					ev |= POLLIN;
				if (c->p[!j].len > 0)
					ev |= POLLOUT;
				pfd[1 + 2 * i + j].fd = c->fd[j];
				pfd[1 + 2 * i + j].events = ev;
				pfd[1 + 2 * i + j].revents = 0;
			}
		}
		if (poll(pfd, 1 + 2 * (nfds_t)nconns, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("cutproxy: poll");
			break;
		}
		for (i = 0; i < nconns; i++) {
			struct conn *c = conns[i];
			short r0 = pfd[1 + 2 * i].revents;
			short r1 = pfd[2 + 2 * i].revents;
			int over;

			if (r0 == 0 && r1 == 0)
				continue;
			over = pump(c, UP, r0) != 0 || pump(c, DOWN, r1) != 0;
			if (!over && armed() && counted(c) >= cut_at &&
			    c->p[UP].len == 0 && c->p[DOWN].len == 0) {
				cut(c);
				over = 1;
			}
			if (!over && c->p[UP].shut && c->p[DOWN].shut)
				over = 1;
			/* Errors on both: POLLERR/POLLHUP without data to
			 * read means the peer is gone. */
			if (!over && ((r0 & POLLERR) || (r1 & POLLERR)))
				over = 1;
			if (over) {
				conn_close(c);
				free(c);
				conns[i] = NULL;
			}
		}
		for (i = k = 0; i < nconns; i++)
			if (conns[i] != NULL)
				conns[k++] = conns[i];
		nconns = k;

		if (pfd[0].revents & POLLIN) {
			int cfd = accept(lfd, NULL, NULL), sfd;
			struct conn *c;

			if (cfd < 0)
				continue;
			accepted++;
			if (nonblocking(cfd) != 0 ||
			    (sfd = dial(host, port)) < 0) {
				fprintf(stderr, "cutproxy: cannot reach %s\n",
				    to);
				reset(cfd);
				continue;
			}
			if ((c = calloc(1, sizeof *c)) == NULL) {
				reset(cfd);
				reset(sfd);
				continue;
			}
			c->fd[UP] = cfd;
			c->fd[DOWN] = sfd;
			c->number = accepted;
			if (armed() && cut_at == 0) {
				cut(c);
				free(c);
				continue;
			}
			conns[nconns++] = c;
		}
	}
	for (i = 0; i < nconns; i++) {
		conn_close(conns[i]);
		free(conns[i]);
	}
	free(conns);
	free(pfd);
	close(lfd);
	return 0;
}
