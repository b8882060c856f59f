/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * voice.c: espeak-ng and the sound device behind read-aloud (see
 * voice.h).  espeak-ng synthesises in its synchronous mode and hands the
 * samples to voice_take(), which plays them (pcaudiolib), throws
 * them away at a device's pace (tests), or keeps them for a WAV file.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <pcaudiolib/audio.h>

#include "core/fileio.h"
#include "core/i18n.h"
#include "core/util.h"
#include "learn/model/readaloud.h"
#include "learn/model/voice.h"

/* Where the synthesised samples go: a device, nowhere at a device's
 * pace (tests), or a growing buffer (WAV). */
struct voice_sink {
	struct audio_object *audio;
	int paced;
	int rate;			/* samples a second */
	int16_t *samples;
	size_t n, cap;
	int keep;
};

static struct voice_sink *voice_current;

static int
voice_take(short *wav, int num, espeak_EVENT *ev)
{
	struct voice_sink *k = voice_current;

	(void)ev;
	if (wav == NULL || num <= 0 || k == NULL)
		return 0;
	if (k->audio != NULL)
		audio_object_write(k->audio, wav, (size_t)num * 2);
	else if (k->paced) {
		struct timespec ts;
		long long ns = (long long)num * 1000000000LL / k->rate;

		ts.tv_sec = ns / 1000000000LL;
		ts.tv_nsec = ns % 1000000000LL;
		nanosleep(&ts, NULL);
	}
	if (k->keep) {
		if (k->n + (size_t)num > k->cap) {
			k->cap = (k->n + (size_t)num) * 2;
			k->samples = xrealloc(k->samples,
			    k->cap * sizeof *k->samples);
		}
		memcpy(k->samples + k->n, wav, (size_t)num * sizeof *wav);
		k->n += (size_t)num;
	}
	return 0;
}

/* Sets espeak-ng up for lang at wpm, its samples to sink.  Returns 0, or
 * HS_EINVAL (no such voice) or HS_EIO, with err filled. */
static int
voice_setup(const char *lang, int wpm, struct voice_sink *sink,
    struct hs_error *err)
{
	espeak_ng_STATUS st;

	espeak_ng_InitializePath(NULL);
	if ((st = espeak_ng_Initialize(NULL)) != ENS_OK ||
	    (st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0,
	    NULL)) != ENS_OK)
		return hs_error_set(err, HS_EIO,
		    _("the speech synthesiser (espeak-ng) could not start: "
		    "is espeak-ng-data installed?"));
	if (espeak_ng_SetVoiceByName(lang) != ENS_OK)
		return hs_error_set(err, HS_EINVAL,
		    _("no voice for the language \"%s\""), lang);
	if (wpm < READALOUD_RATE_MIN)
		wpm = READALOUD_RATE_MIN;
	if (wpm > READALOUD_RATE_MAX)
		wpm = READALOUD_RATE_MAX;
	espeak_ng_SetParameter(espeakRATE, wpm, 0);
	sink->rate = espeak_ng_GetSampleRate();
	voice_current = sink;
	espeak_SetSynthCallback(voice_take);
	return 0;
}

static int
voice_say(const char *text)
{
	return espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER,
	    0, espeakCHARS_UTF8, NULL, NULL) == ENS_OK &&
	    espeak_ng_Synchronize() == ENS_OK ? 0 : -1;
}

/* Opens the sound device for sink's rate: 0, or -1 when there is none.
 * ALSA says why on stderr, many lines: they go to /dev/null, as the one
 * line the caller says is enough. */
static int
voice_open_device(struct voice_sink *sink)
{
	int saved = dup(2), null = open("/dev/null", O_WRONLY), rc = 0;

	fflush(stderr);
	if (saved >= 0 && null >= 0)
		dup2(null, 2);
	if ((sink->audio = create_audio_device_object(NULL, "hocso",
	    "read-aloud")) == NULL ||
	    audio_object_open(sink->audio, AUDIO_OBJECT_FORMAT_S16LE,
	    (uint32_t)sink->rate, 1) != 0)
		rc = -1;
	if (saved >= 0 && null >= 0)
		dup2(saved, 2);
	if (saved >= 0)
		close(saved);
	if (null >= 0)
		close(null);
	return rc;
}

int
voice_play(const char *text, const char *lang, int wpm, struct hs_error *err)
{
	struct voice_sink sink = { 0 };
	const char *test = getenv("HOCSO_TEST_SPEAK_SINK");
	int rc;

	if ((rc = voice_setup(lang, wpm, &sink, err)) != 0)
		goto out;
	if (test != NULL && !strcmp(test, "null"))
		sink.paced = 1;
	else if (voice_open_device(&sink) != 0) {
		rc = hs_error_set(err, HS_ENOTFOUND,
		    _("no sound device: read-aloud is off"));
		goto out;
	}
	if (voice_say(text) != 0)
		rc = hs_error_set(err, HS_EIO,
		    _("the speech synthesiser (espeak-ng) failed"));
	else if (sink.audio != NULL)
		audio_object_drain(sink.audio);
out:
	if (sink.audio != NULL) {
		audio_object_close(sink.audio);
		audio_object_destroy(sink.audio);
	}
	voice_current = NULL;
	espeak_ng_Terminate();
	return rc;
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static void
put32(unsigned char *p, unsigned long v)
{
	put16(p, (unsigned)(v & 0xffff));
	put16(p + 2, (unsigned)(v >> 16));
}

int
voice_wav(const char *text, const char *lang, int wpm, const char *path,
    double *seconds, struct hs_error *err)
{
	struct voice_sink sink = { 0 };
	unsigned char *wav = NULL;
	size_t bytes, i;
	int rc;

	sink.keep = 1;
	if ((rc = voice_setup(lang, wpm, &sink, err)) != 0)
		goto out;
	if (voice_say(text) != 0) {
		rc = hs_error_set(err, HS_EIO,
		    _("the speech synthesiser (espeak-ng) failed"));
		goto out;
	}
	bytes = sink.n * 2;
	wav = xmalloc(44 + bytes);
	memcpy(wav, "RIFF", 4);
	put32(wav + 4, 36 + (unsigned long)bytes);
	memcpy(wav + 8, "WAVEfmt ", 8);
	put32(wav + 16, 16);
	put16(wav + 20, 1);			/* PCM */
	put16(wav + 22, 1);			/* mono */
	put32(wav + 24, (unsigned long)sink.rate);
	put32(wav + 28, (unsigned long)sink.rate * 2);
	put16(wav + 32, 2);
	put16(wav + 34, 16);
	memcpy(wav + 36, "data", 4);
	put32(wav + 40, (unsigned long)bytes);
	for (i = 0; i < sink.n; i++)
		put16(wav + 44 + 2 * i, (unsigned)(uint16_t)sink.samples[i]);
	if ((rc = fileio_write(path, wav, 44 + bytes, 0644, err)) == 0 &&
	    seconds != NULL)
		*seconds = sink.rate > 0 ? (double)sink.n / sink.rate : 0;
out:
	voice_current = NULL;
	espeak_ng_Terminate();
	free(sink.samples);
	free(wav);
	return rc;
}

