/*
 * host_states.c: a C host that uses khabar from several lua_States at once,
 * one per thread, as nginx workers and Neovim do. Each thread runs
 * tests/host_work.lua's work(i) on its own input; every result must equal
 * the one computed alone in a fresh state first.
 *
 * usage: host_states BUILD_DIR    (e.g. build/5.4)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#define THREADS 8
#define ROUNDS 3

typedef struct {
	const char *build;
	int index;
	char *result;      /* malloc'ed; NULL on error */
	char error[256];
} job;

static lua_State *open_state(const char *build, char *error)
{
	lua_State *L = luaL_newstate();
	char setup[512];
	if (!L) { snprintf(error, 256, "no state"); return NULL; }
	luaL_openlibs(L);
	snprintf(setup, sizeof setup,
	         "package.cpath = '%s/?.so;' .. package.cpath "
	         "package.path = 'lua/?.lua;lua/?/init.lua;' .. package.path", build);
	if (luaL_dostring(L, setup) || luaL_dofile(L, "tests/host_work.lua")) {
		snprintf(error, 256, "%s", lua_tostring(L, -1));
		lua_close(L);
		return NULL;
	}
	lua_setglobal(L, "work");
	return L;
}

/* Runs work(i) in L; returns a malloc'ed copy of its string result. */
static char *run_work(lua_State *L, int index, char *error)
{
	char *copy;
	size_t len;
	const char *s;
	lua_getglobal(L, "work");
	lua_pushinteger(L, index);
	if (lua_pcall(L, 1, 1, 0)) {
		snprintf(error, 256, "%s", lua_tostring(L, -1));
		return NULL;
	}
	s = lua_tolstring(L, -1, &len);
	copy = s ? malloc(len + 1) : NULL;
	if (copy)
		memcpy(copy, s, len + 1);
	lua_pop(L, 1);
	return copy;
}

static void *thread_main(void *arg)
{
	job *j = arg;
	lua_State *L = open_state(j->build, j->error);
	int round;
	if (!L)
		return NULL;
	for (round = 0; round < ROUNDS; round++) {
		free(j->result);
		j->result = run_work(L, j->index, j->error);
		if (!j->result)
			break;
	}
	lua_close(L);
	return NULL;
}

int main(int argc, char **argv)
{
	job serial[THREADS], parallel[THREADS];
	pthread_t threads[THREADS];
	int i, failures = 0;
	const char *build = argc > 1 ? argv[1] : "build/5.4";
	memset(serial, 0, sizeof serial);
	memset(parallel, 0, sizeof parallel);
	for (i = 0; i < THREADS; i++) {
		serial[i].build = parallel[i].build = build;
		serial[i].index = parallel[i].index = i + 1;
		thread_main(&serial[i]);
	}
	for (i = 0; i < THREADS; i++)
		pthread_create(&threads[i], NULL, thread_main, &parallel[i]);
	for (i = 0; i < THREADS; i++)
		pthread_join(threads[i], NULL);
	for (i = 0; i < THREADS; i++) {
		if (!serial[i].result || !parallel[i].result) {
			fprintf(stderr, "state %d: %s%s\n", i + 1, serial[i].error, parallel[i].error);
			failures++;
		} else if (strcmp(serial[i].result, parallel[i].result) != 0) {
			fprintf(stderr, "state %d: threaded result differs\n", i + 1);
			failures++;
		}
		free(serial[i].result);
		free(parallel[i].result);
	}
	printf("host_states: %d passed, %d failed\n", THREADS - failures, failures);
	return failures ? 1 : 0;
}
