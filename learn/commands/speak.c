/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * speak.c: hocso speak, read-aloud without the terminal app.
 *
 *   speak [--rate WPM] [--wav FILE | --print] [--speech LIST] FILE.md SCREEN
 *   speak [--rate WPM] [--wav FILE | --print] [--speech LIST] FILE.gift N
 *   speak --play [--rate WPM] --text TEXT
 *
 * The first two say a lesson's screen (from 1) or a question bank's
 * question (from 1) as the app reads it aloud: on the sound device, into
 * a WAV file, or printed as the words the voice is given.  The
 * pronunciation list is LIST, else the module's speech/<lang>.txt when
 * FILE lies in a module folder's lessons/<lang>/ or quizzes/<lang>/.
 * The third is how the app speaks (learn/model/readaloud.c): exit status
 * 3 when there is no sound device.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/util.h"
#include "learn/commands/common.h"
#include "learn/commands/table.h"
#include "learn/model/readaloud.h"
#include "learn/model/voice.h"
#include "lessons/lesson.h"
#include "lessons/speech.h"
#include "quiz/gift.h"

/* The module folder of a file in DIR/lessons/<lang>/ or
 * DIR/quizzes/<lang>/, or NULL.  The caller frees it. */
static char *
speak_module_dir(const char *file)
{
	char *d = xstrdup(file), *s;
	int i;

	for (i = 0; i < 3; i++) {
		if ((s = strrchr(d, '/')) == NULL) {
			if (i < 2)
				goto none;
			free(d);
			return xstrdup(".");
		}
		if (i == 2 && strcmp(s + 1, "lessons") != 0 &&
		    strcmp(s + 1, "quizzes") != 0)
			goto none;
		*s = '\0';
	}
	return d;
none:
	free(d);
	return NULL;
}

/* The words of screen (from 1) of a lesson file, or of question n (from
 * 1) of a GIFT file.  Returns 0 with *out (the caller frees it), or 1
 * with the reason said. */
static int
speak_file_text(const char *file, long n, const struct speech_lexicon *lex,
    char **out)
{
	size_t len = strlen(file);
	struct hs_error err;

	if (len > 5 && !strcmp(file + len - 5, ".gift")) {
		struct quiz_bank bank = { 0 };
		const struct quiz_question *q;
		const char **ch;
		int i;

		if (gift_load(file, &bank, &err) != 0)
			return commands_say_error(&err);
		if (n < 1 || n > bank.n) {
			hs_error_set(&err, HS_ENOTFOUND,
			    _("%s has %d questions: there is no question %ld"),
			    file, bank.n, n);
			quiz_bank_free(&bank);
			return commands_say_error(&err);
		}
		q = &bank.questions[n - 1];
		ch = xcalloc((size_t)q->nchoices + 1, sizeof *ch);
		for (i = 0; i < q->nchoices; i++)
			ch[i] = q->choices[i].text;
		*out = speech_question_text(q->text, ch, q->nchoices, NULL,
		    lex);
		free(ch);
		quiz_bank_free(&bank);
		return 0;
	} else {
		struct lesson *l;

		if (lesson_load(file, &l, &err) != 0)
			return commands_say_error(&err);
		if (n < 1 || n > l->nscreens) {
			hs_error_set(&err, HS_ENOTFOUND,
			    _("%s has %d screens: there is no screen %ld"),
			    file, l->nscreens, n);
			lesson_free(l);
			return commands_say_error(&err);
		}
		*out = speech_screen_text(&l->screens[n - 1], lex);
		lesson_free(l);
		return 0;
	}
}

int
speak_command(const char *datadir, const char *lang, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rate", required_argument, NULL, 'r' },
		{ "wav", required_argument, NULL, 'w' },
		{ "print", no_argument, NULL, 'p' },
		{ "speech", required_argument, NULL, 's' },
		{ "play", no_argument, NULL, 'P' },
		{ "text", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const char *wav = NULL, *list = NULL, *text = NULL;
	struct speech_lexicon lex = { 0 };
	struct hs_error err;
	char *said = NULL, *dir = NULL, *end;
	int opt, rc = 0, print = 0, play = 0;
	long wpm = READALOUD_RATE_DEFAULT, n;
	double seconds;

	(void)datadir;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if (opt == 'r') {
			wpm = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' ||
			    wpm < READALOUD_RATE_MIN ||
			    wpm > READALOUD_RATE_MAX)
				return commands_usage_error(
				    _("hocso speak --rate WPM: 80 to 300 "
				    "words a minute"));
		} else if (opt == 'w')
			wav = optarg;
		else if (opt == 'p')
			print = 1;
		else if (opt == 's')
			list = optarg;
		else if (opt == 'P')
			play = 1;
		else if (opt == 't')
			text = optarg;
		else
			goto usage;
	}
	if (play) {
		if (text == NULL || optind != argc || wav != NULL || print)
			goto usage;
		if ((rc = voice_play(text, lang, (int)wpm, &err)) == 0)
			return 0;
		commands_say_error(&err);
		return rc == HS_ENOTFOUND ? READALOUD_EXIT_NODEVICE :
		    READALOUD_EXIT_FAILED;
	}
	if (text != NULL || optind + 2 != argc || (wav != NULL && print))
		goto usage;
	n = strtol(argv[optind + 1], &end, 10);
	if (argv[optind + 1][0] == '\0' || *end != '\0')
		goto usage;
	if (list != NULL) {
		char *buf = NULL;
		size_t len;

		if ((buf = util_read_file(list, 256 * 1024, &len, &err)) ==
		    NULL || speech_lexicon_parse(buf, len, list, &lex,
		    &err) != 0) {
			free(buf);
			return commands_say_error(&err);
		}
		free(buf);
	} else if ((dir = speak_module_dir(argv[optind])) != NULL &&
	    speech_lexicon_load(dir, lang, &lex, &err) != 0) {
		free(dir);
		return commands_say_error(&err);
	}
	free(dir);
	if ((rc = speak_file_text(argv[optind], n, &lex, &said)) != 0)
		goto out;
	if (print)
		printf("%s\n", said);
	else if (wav != NULL) {
		if (voice_wav(said, lang, (int)wpm, wav, &seconds, &err) != 0)
			rc = commands_say_error(&err);
		else
			printf(_("%s: %d words, %.1f seconds\n"), wav,
			    speech_words(said), seconds);
	} else if ((rc = voice_play(said, lang, (int)wpm, &err)) != 0) {
		commands_say_error(&err);
		rc = rc == HS_ENOTFOUND ? READALOUD_EXIT_NODEVICE : 1;
	}
out:
	free(said);
	speech_lexicon_free(&lex);
	return rc;
usage:
	return commands_usage_error(_("hocso speak [--rate WPM] [--wav FILE | "
	    "--print] [--speech LIST] FILE SCREEN"));
}
