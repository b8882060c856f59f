/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * richtext-dl.c: libxml2 for richtext.c, loaded with dlopen() on first
 * use, so that no program links it (see richtext.h).  Nothing else lives
 * here: the wholly static hocso links richtext-static.c instead, and the
 * linker then never takes this file from the library.
 */
#include "config.h"

#include <dlfcn.h>
#include <stddef.h>

#include "lessons/richtext.h"

const struct richtext_xml *
richtext_xml(void)
{
	static struct richtext_xml xml;
	static int tried;
	void *h;

	if (tried)
		return xml.read_memory != NULL ? &xml : NULL;
	tried = 1;
	if ((h = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL)) == NULL)
		return NULL;
	*(void **)&xml.read_memory = dlsym(h, "htmlReadMemory");
	*(void **)&xml.free_doc = dlsym(h, "xmlFreeDoc");
	if (xml.read_memory == NULL || xml.free_doc == NULL) {
		xml.read_memory = NULL;
		dlclose(h);
		return NULL;
	}
	return &xml;		/* kept open for the life of the program */
}
