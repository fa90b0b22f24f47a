/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_buf.c: the growable buffer, and its refusal of a size that
 * overflows (out of memory: abort, never a wrapped small allocation). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/buf.h"

static void test_append_grows(void **state)
{
	(void)state;
	buf b = {0};
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 1000);
	assert_true(b.cap > b.len);
	assert_int_equal(b.data[1000], '\0');
	assert_int_equal(b.data[999], 'a' + 999 % 26);
	buf_printf(&b, "%05d", 42);
	assert_int_equal(b.len, 1005);
	assert_string_equal(b.data + 1000, "00042");
	buf_append(&b, "\0x", 2);
	assert_int_equal(b.len, 1007);
	assert_memory_equal(b.data + 1005, "\0x\0", 3);
	char *s = buf_detach(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(s);
}

/* Runs grow(b) in a child (its stderr to a pipe) and checks that it
 * aborted with xalloc's out-of-memory message, not a crash elsewhere. */
static void expect_oom(void (*grow)(void))
{
	int fds[2];
	char msg[256] = "";
	int status = 0;
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		grow();
		_exit(0); /* not reached when the overflow is caught */
	}
	close(fds[1]);
	ssize_t n = read(fds[0], msg, sizeof msg - 1);
	msg[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT || !strstr(msg, "out of memory"))
		fail_msg("expected an out-of-memory abort; status %d, stderr: %s", status, msg);
}

/* extra so large that len + extra + 1 wraps around to a small number. */
static void grow_by_size_max(void)
{
	buf b = {0};
	static const char x[1] = "x";
	buf_puts(&b, "abc");
	buf_append(&b, x, SIZE_MAX - 2);
}

/* A buffer whose length is near SIZE_MAX (as a header says, not as
 * allocated: the check must come before anything is touched). */
static void grow_past_size_max(void)
{
	char small[16] = "";
	buf b = {small, SIZE_MAX - 8, SIZE_MAX - 4};
	buf_append(&b, "0123456789abcdef", 16);
}

static void test_overflow_is_out_of_memory(void **state)
{
	(void)state;
	expect_oom(grow_by_size_max);
	expect_oom(grow_past_size_max);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_grows),
		cmocka_unit_test(test_overflow_is_out_of_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
