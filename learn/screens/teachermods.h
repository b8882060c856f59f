/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * teachermods.h: teacher mode's screens over the model of the teacher's
 * choices (learn/model/classmods.h, override.h): a class's modules, and
 * one learner's overrides.  Each is a screen of its own, pushed over
 * teacher mode, which reads its view afresh when they close.
 */
#ifndef HOCSO_TEACHERMODS_H
#define HOCSO_TEACHERMODS_H

#include "learn/screens/app.h"

/* Opens the modules of class_name: which ones the class sees, their
 * order, and lessons before the quiz (teachermods.c).  Returns 0 or -1
 * (said with app_message). */
int teachermods_open(struct app *app, const char *class_name);

/* Opens the overrides of the learner learner_id, named name of
 * class_name: extra time, attempts, the PIN lockout, and their wrong
 * answers (teacherover.c). */
int teacherover_open(struct app *app, long long learner_id,
    const char *name, const char *class_name);

#endif
