/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * voice.h: espeak-ng, the synthesiser behind read-aloud, and the sound
 * device (pcaudiolib: PulseAudio or ALSA).  Linked only into hocso-cmd
 * ("hocso speak"); the app reaches it through readaloud.h.
 *
 * For tests, HOCSO_TEST_SPEAK_SINK=null makes voice_play() synthesise
 * and throw the sound away at the pace a device would play it.
 */
#ifndef HOCSO_VOICE_H
#define HOCSO_VOICE_H

#include "core/error.h"

/* Says text in lang ("vi", "en") at wpm words a minute on the sound
 * device, and returns when it has been said: 0, HS_ENOTFOUND when there
 * is no sound device, or another negative code, with err filled. */
int voice_play(const char *text, const char *lang, int wpm,
    struct hs_error *err);

/* Synthesises text in lang at wpm into a mono 16-bit WAV file at path
 * (written through fileio).  Returns 0 with *seconds its length (may be
 * NULL), or a negative code with err filled. */
int voice_wav(const char *text, const char *lang, int wpm, const char *path,
    double *seconds, struct hs_error *err);

#endif
