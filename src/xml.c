/* libxml2's text writer, loaded on first use (xml.h says why). */
#include "xml.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* the library's soname: its ABI since libxml2 2.0 */
#define LIBXML2 "libxml2.so.2"

static hm_xml_api api;
static const hm_xml_api *loaded;
static char failure[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* One symbol into *slot (a function pointer of the header's type); 0 if
 * it is missing. */
static int sym(void *lib, const char *name, void *slot)
{
	void *f = dlsym(lib, name);

	if (!f) {
		snprintf(failure, sizeof(failure), "%s: no %s", LIBXML2, name);
		return 0;
	}
	/* POSIX: a function's address fits an object pointer (dlsym's own
	 * contract), copied as bytes */
	memcpy(slot, &f, sizeof(f));
	return 1;
}

static void load(void)
{
	void *lib = dlopen(LIBXML2, RTLD_NOW | RTLD_LOCAL);
	void (*init)(void);
	hm_xml_api a;

	if (!lib) {
		const char *e = dlerror();
		snprintf(failure, sizeof(failure), "%s", e ? e : LIBXML2 ": cannot be loaded");
		return;
	}
	if (!sym(lib, "xmlOutputBufferCreateIO", &a.OutputBufferCreateIO) ||
	    !sym(lib, "xmlOutputBufferClose", &a.OutputBufferClose) ||
	    !sym(lib, "xmlNewTextWriter", &a.NewTextWriter) ||
	    !sym(lib, "xmlFreeTextWriter", &a.FreeTextWriter) ||
	    !sym(lib, "xmlTextWriterStartDocument", &a.StartDocument) ||
	    !sym(lib, "xmlTextWriterEndDocument", &a.EndDocument) ||
	    !sym(lib, "xmlTextWriterWriteDTD", &a.WriteDTD) ||
	    !sym(lib, "xmlTextWriterStartElement", &a.StartElement) ||
	    !sym(lib, "xmlTextWriterEndElement", &a.EndElement) ||
	    !sym(lib, "xmlTextWriterFullEndElement", &a.FullEndElement) ||
	    !sym(lib, "xmlTextWriterWriteAttribute", &a.WriteAttribute) ||
	    !sym(lib, "xmlTextWriterWriteElement", &a.WriteElement) ||
	    !sym(lib, "xmlTextWriterWriteString", &a.WriteString) ||
	    !sym(lib, "xmlTextWriterWriteRaw", &a.WriteRaw) ||
	    !sym(lib, "xmlTextWriterFlush", &a.Flush) || !sym(lib, "xmlInitParser", &init)) {
		dlclose(lib);
		return;
	}
	/* libxml2 sets up its globals (encodings among them) on first use,
	 * and that is not safe from two threads at once: a batch's maps write
	 * their SVGs in parallel (one crashed under AddressSanitizer in
	 * xmlTextWriterStartDocument). Its documented remedy: xmlInitParser
	 * once, before any thread uses the library; here, under pthread_once. */
	init();
	/* kept loaded until the process ends: its functions are in use */
	api = a;
	loaded = &api;
}

static int sink_write(void *ctx, const char *buf, int len)
{
	hm_xml_sink *k = ctx;

	return k->write(k->closure, (const unsigned char *)buf, (unsigned)len) ==
			       CAIRO_STATUS_SUCCESS
		       ? len
		       : -1;
}

static int sink_close(void *ctx)
{
	(void)ctx;
	return 0;
}

xmlTextWriterPtr hm_xml_writer(const hm_xml_api *x, hm_xml_sink *sink)
{
	xmlOutputBufferPtr out = x->OutputBufferCreateIO(sink_write, sink_close, sink, NULL);
	xmlTextWriterPtr w = out ? x->NewTextWriter(out) : NULL;

	if (!w && out)
		x->OutputBufferClose(out);
	return w;
}

const hm_xml_api *hm_xml(const char **why)
{
	pthread_once(&once, load);
	if (!loaded && why)
		*why = failure;
	return loaded;
}
