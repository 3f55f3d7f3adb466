/* libxml2's text writer (xmlwriter.h), loaded when an SVG or a web page is
 * first written. Debian's libxml2 needs ICU: linked, its two libraries and
 * their relocations were 3 to 4 ms of every run's start-up, PNGs and PDFs
 * included, which never write XML. Loaded with dlopen, it costs only the
 * runs that use it; the functions are libxml2's public API, through a table
 * made once (pthread_once) and read-only after. */
#ifndef HM_XML_H
#define HM_XML_H

#include <cairo.h>
#include <libxml/xmlwriter.h>

typedef struct {
	xmlOutputBufferPtr (*OutputBufferCreateIO)(xmlOutputWriteCallback, xmlOutputCloseCallback,
						   void *, xmlCharEncodingHandlerPtr);
	int (*OutputBufferClose)(xmlOutputBufferPtr);
	xmlTextWriterPtr (*NewTextWriter)(xmlOutputBufferPtr);
	void (*FreeTextWriter)(xmlTextWriterPtr);
	int (*StartDocument)(xmlTextWriterPtr, const char *, const char *, const char *);
	int (*EndDocument)(xmlTextWriterPtr);
	int (*WriteDTD)(xmlTextWriterPtr, const xmlChar *, const xmlChar *, const xmlChar *,
			const xmlChar *);
	int (*StartElement)(xmlTextWriterPtr, const xmlChar *);
	int (*EndElement)(xmlTextWriterPtr);
	int (*FullEndElement)(xmlTextWriterPtr);
	int (*WriteAttribute)(xmlTextWriterPtr, const xmlChar *, const xmlChar *);
	int (*WriteElement)(xmlTextWriterPtr, const xmlChar *, const xmlChar *);
	int (*WriteString)(xmlTextWriterPtr, const xmlChar *);
	int (*WriteRaw)(xmlTextWriterPtr, const xmlChar *);
	int (*Flush)(xmlTextWriterPtr);
} hm_xml_api;

/* The writer's functions; NULL when libxml2 cannot be loaded (*why: the
 * loader's message). Any thread, any number of times. */
const hm_xml_api *hm_xml(const char **why);

/* Where a writer's bytes go: write(closure, ...), Cairo's stream callback
 * type, as for the PNG and PDF. Must outlive the writer. */
typedef struct {
	cairo_write_func_t write;
	void *closure;
} hm_xml_sink;

/* A writer into sink; NULL when out of memory. x->FreeTextWriter frees it. */
xmlTextWriterPtr hm_xml_writer(const hm_xml_api *x, hm_xml_sink *sink);

#endif
