/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * richtext-static.c: libxml2 for richtext.c in the wholly static hocso,
 * which cannot dlopen(): its archive is linked in (see richtext.h and
 * configure.ac).  Linked into that program only, before liblessons.a, so
 * that richtext-dl.c is not taken from the library.
 */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "lessons/richtext.h"

static void *
read_memory(const char *buf, int size, const char *url, const char *enc,
    int options)
{
	return htmlReadMemory(buf, size, url, enc, options);
}

static void
free_doc(void *doc)
{
	xmlFreeDoc(doc);
}

const struct richtext_xml *
richtext_xml(void)
{
	static const struct richtext_xml xml = { read_memory, free_doc };

	return &xml;
}
