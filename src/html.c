/* The map's web page (html.h), written through libxml2's xmlTextWriter: what
 * comes from the user (titles, names, the alt text) is escaped by it; the
 * style sheet and the script are this file's own constants. */
#include "html.h"

#include "draw.h"
#include "numfmt.h"
#include "svg.h"
#include "text.h"
#include "xml.h"

#include <string.h>

/* Responsive: the map as wide as the page allows, its height by its shape.
 * The colours keep WCAG AA contrast on white. */
static const char page_css[] =
	"body{margin:0;background:#fff;color:#1a1a1a;line-height:1.45;"
	"font-family:'Noto Sans',sans-serif}"
	"main{max-width:1200px;margin:0 auto;padding:1rem}"
	"h1{font-size:1.4rem;margin:.2rem 0}"
	"figure{margin:0}"
	".hm-frame{position:relative}"
	".hm-frame svg{display:block;width:100%;height:auto}"
	".hm-frame circle:focus{outline:none;stroke:#000;stroke-width:6px}"
	".hm-tip{position:absolute;z-index:1;pointer-events:none;background:#1a1a1a;color:#fff;"
	"padding:.2rem .5rem;border-radius:3px;font-size:.9rem;white-space:nowrap}"
	".hm-tip[hidden]{display:none}"
	"figcaption{margin:.6rem 0}"
	/* a table wider than a phone scrolls in its box, not the page */
	"details{margin:.6rem 0;overflow-x:auto}"
	"@media (max-width:30rem){th,td{padding:.2rem .3rem;font-size:.85rem}}"
	"summary{cursor:pointer}"
	"table{border-collapse:collapse;margin-top:.4rem}"
	"caption{text-align:left;color:#4d4d4d}"
	"th,td{text-align:left;padding:.2rem .6rem;border-bottom:1px solid #ccc}"
	"th.hm-num,td.hm-num{text-align:right;font-variant-numeric:tabular-nums}"
	".hm-source{color:#4d4d4d;font-size:.9rem}"
	/* the heading for readers that cannot see the map's own title */
	".hm-vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
	"white-space:nowrap}";

/* Tooltips: on hover and on keyboard focus (tab goes through the symbols
 * largest first, their order in the drawing); Enter shows, Escape hides.
 * The symbols' <title>s, the browser's own tooltips, make way for it. */
static const char page_js[] =
	"(function(){"
	"var tip=document.getElementById('hm-tip');if(!tip)return;"
	"var box=tip.parentNode;"
	"function show(c){"
	"tip.textContent=c.getAttribute('aria-label');tip.hidden=false;"
	"var r=c.getBoundingClientRect(),b=box.getBoundingClientRect();"
	"var x=r.left+r.width/2-b.left-tip.offsetWidth/2;"
	"x=Math.max(0,Math.min(x,b.width-tip.offsetWidth));"
	"var y=r.top-b.top-tip.offsetHeight-6;"
	"if(y<0)y=r.bottom-b.top+6;"
	"tip.style.left=x+'px';tip.style.top=y+'px';}"
	"function hide(){tip.hidden=true;}"
	"var cs=box.querySelectorAll('circle[data-value]');"
	"for(var i=0;i!==cs.length;i++){var c=cs[i],t=c.querySelector('title');"
	"if(t)c.removeChild(t);"
	"c.addEventListener('mouseenter',function(e){show(e.currentTarget);});"
	"c.addEventListener('mouseleave',hide);"
	"c.addEventListener('focus',function(e){show(e.currentTarget);});"
	"c.addEventListener('blur',hide);"
	"c.addEventListener('keydown',function(e){"
	"if(e.key==='Enter')show(e.currentTarget);else if(e.key==='Escape')hide();});}"
	"document.addEventListener('keydown',function(e){if(e.key==='Escape')hide();});"
	"})();";

typedef struct {
	const hm_xml_api *x; /* libxml2's writer (xml.h) */
	xmlTextWriterPtr w;
	hm_xml_sink sink;
	int err;
} page;

static void start(page *p, const char *el)
{
	p->err |= p->x->StartElement(p->w, BAD_CAST el) < 0;
}

/* Close the element with an end tag: HTML has no "<div/>". */
static void end(page *p)
{
	p->err |= p->x->FullEndElement(p->w) < 0;
}

static void attr(page *p, const char *name, const char *value)
{
	p->err |= p->x->WriteAttribute(p->w, BAD_CAST name, BAD_CAST value) < 0;
}

static void text(page *p, const char *t)
{
	p->err |= p->x->WriteString(p->w, BAD_CAST(t ? t : "")) < 0;
}

/* <el class="cls">t</el> */
static void element(page *p, const char *el, const char *cls, const char *t)
{
	start(p, el);
	if (cls)
		attr(p, "class", cls);
	text(p, t);
	end(p);
}

static void head(page *p, const hm_map *m)
{
	start(p, "head");
	start(p, "meta");
	attr(p, "charset", "utf-8");
	p->err |= p->x->EndElement(p->w) < 0;
	start(p, "meta");
	attr(p, "name", "viewport");
	attr(p, "content", "width=device-width, initial-scale=1");
	p->err |= p->x->EndElement(p->w) < 0;
	start(p, "meta");
	attr(p, "name", "generator");
	attr(p, "content", "hotmap " HOTMAP_VERSION);
	p->err |= p->x->EndElement(p->w) < 0;
	element(p, "title", NULL, m->title);
	start(p, "style");
	p->err |= p->x->WriteRaw(p->w, BAD_CAST page_css) < 0;
	end(p);
	end(p);
}

/* The sites the map shows, largest first, one row each. */
static void data_table(page *p, const hm_map *m)
{
	char buf[64];
	size_t shown = 0;

	for (size_t i = 0; i < m->nsites; i++)
		shown += hm_site_in_frame(m, &m->sites[i]) != 0;
	start(p, "details");
	attr(p, "class", "hm-data");
	hm_snprintf_c(buf, sizeof(buf), "The data: %zu site%s", shown, shown == 1 ? "" : "s");
	element(p, "summary", NULL, buf);
	start(p, "table");
	element(p, "caption", NULL, m->title);
	start(p, "thead");
	start(p, "tr");
	/* the values' column as the legend calls it */
	const char *cols[5] = {"Site", "Country",
			       m->legend_caption[0] ? m->legend_caption
			       : m->value_column    ? m->value_column
						    : "Sites",
			       "Longitude", "Latitude"};
	for (int k = 0; k < 5; k++) {
		start(p, "th");
		attr(p, "scope", "col");
		if (k >= 2)
			attr(p, "class", "hm-num");
		text(p, cols[k]);
		end(p);
	}
	end(p);
	end(p);
	start(p, "tbody");
	for (size_t i = 0; i < m->nsites; i++) {
		const hm_map_site *s = &m->sites[m->order[i]];
		const char *country =
			s->country_iso[0] ? hm_site_country_name(m, s->country_iso) : "";
		if (!hm_site_in_frame(m, s))
			continue;
		start(p, "tr");
		element(p, "td", NULL, s->name);
		element(p, "td", NULL, country ? country : s->country_iso);
		hm_format_value(buf, sizeof(buf), s->value);
		element(p, "td", "hm-num", buf);
		hm_snprintf_c(buf, sizeof(buf), "%.4f", s->lon);
		element(p, "td", "hm-num", buf);
		hm_snprintf_c(buf, sizeof(buf), "%.4f", s->lat);
		element(p, "td", "hm-num", buf);
		end(p);
	}
	end(p);
	end(p);
	end(p);
}

static void body(page *p, const hm_map *m)
{
	hm_svg *s;

	start(p, "body");
	start(p, "main");
	/* the map shows its title and subtitle: the page's are for
	 * screen readers and the document's outline */
	element(p, "h1", "hm-vh", m->title);
	if (m->subtitle)
		element(p, "p", "hm-vh", m->subtitle);
	start(p, "figure");
	start(p, "div");
	attr(p, "class", "hm-frame");
	s = hm_svg_new_inline(m, p->w);
	if (!s) {
		p->err = 1;
		return;
	}
	hm_draw_map(hm_svg_cr(s), m, NULL);
	p->err |= hm_svg_finish(s) < 0;
	start(p, "div");
	attr(p, "id", "hm-tip");
	attr(p, "class", "hm-tip");
	attr(p, "role", "tooltip");
	attr(p, "hidden", "hidden");
	end(p);
	end(p);
	element(p, "figcaption", NULL, m->alt_text);
	end(p);
	data_table(p, m);
	start(p, "p");
	attr(p, "class", "hm-source");
	text(p, m->source_line);
	text(p, " Made with hotmap " HOTMAP_VERSION ".");
	end(p);
	end(p);
	start(p, "script");
	p->err |= p->x->WriteRaw(p->w, BAD_CAST page_js) < 0;
	end(p);
	end(p);
}

int hm_html_write(const hm_map *m, cairo_write_func_t write, void *closure)
{
	page p = {hm_xml(NULL), NULL, {write, closure}, 0};

	if (!p.x || !(p.w = hm_xml_writer(p.x, &p.sink)))
		return -1;
	p.err |= p.x->WriteDTD(p.w, BAD_CAST "html", NULL, NULL, NULL) < 0;
	start(&p, "html");
	attr(&p, "lang", "en");
	head(&p, m);
	if (!p.err)
		body(&p, m);
	p.err |= p.x->EndDocument(p.w) < 0;
	p.err |= p.x->Flush(p.w) < 0;
	p.x->FreeTextWriter(p.w);
	return p.err ? -1 : 0;
}
