/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* chart.c: bars, stacked bars and lines as inline SVG. */
#include "render/chart.h"

#include <stdbool.h>

/* The drawing area (viewBox units): the plot inside the margins; the
 * legend below the axis labels. */
enum { WIDTH = 640, TOP = 16, LEFT = 56, RIGHT = 16, PLOT_H = 200, LABELS_H = 48, LEGEND_ROW = 20 };

/* Dark colours that stay apart in greyscale print, with white between
 * stacked parts. */
static const char *const colours[] = {"#1f4e79", "#c55a11", "#548235", "#7030a0", "#806000", "#2f5597",
				      "#a50021", "#3a3838"};

/* Appends s escaped for XML text and attribute values. */
static void put_text(buf *out, const char *s)
{
	for (; s && *s; s++)
		switch (*s) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		case '\'':
			buf_puts(out, "&#39;");
			break;
		default:
			buf_putc(out, *s);
		}
}

/* The largest value the axis must reach: of one bar, or of a stack. */
static long long chart_max(const chart *c)
{
	long long max = 0;
	for (size_t k = 0; k < c->ncategories; k++) {
		long long stack = 0;
		for (size_t s = 0; s < c->nseries; s++) {
			long long v = c->series[s].values[k] > 0 ? c->series[s].values[k] : 0;
			if (c->kind == CHART_STACKED)
				stack += v;
			else if (v > max)
				max = v;
		}
		if (stack > max)
			max = stack;
	}
	return max;
}

/* A round axis top at or above max: 1, 2 or 5 times a power of ten. */
static long long axis_top(long long max)
{
	long long step = 1;
	for (;;) {
		if (max <= step)
			return step;
		if (max <= 2 * step)
			return 2 * step;
		if (max <= 5 * step)
			return 5 * step;
		step *= 10;
	}
}

/* The y of value v on an axis up to top. */
static double y_of(long long v, long long top)
{
	return TOP + PLOT_H - (double)PLOT_H * (double)v / (double)top;
}

static void axes(buf *out, long long top)
{
	/* Grid lines at whole steps (top is 1, 2 or 5 times a power of ten):
	 * a fifth of 5, 10, 20 …, half of 2, else 1. */
	long long step = top >= 5 && top % 5 == 0 ? top / 5 : top % 2 == 0 ? top / 2 : top;
	for (long long v = 0; v <= top; v += step) {
		double y = y_of(v, top);
		buf_printf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#bbb\"/>", LEFT, y,
			   WIDTH - RIGHT, y);
		buf_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%lld</text>", LEFT - 6, y + 4, v);
	}
}

/* The category labels under the plot; with many categories only some
 * (the table has them all). */
static void category_labels(buf *out, const chart *c, double slot)
{
	size_t every = c->ncategories > 12 ? (c->ncategories + 11) / 12 : 1;
	for (size_t k = 0; k < c->ncategories; k += every) {
		double x = LEFT + slot * ((double)k + 0.5);
		buf_printf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x, TOP + PLOT_H + 16);
		put_text(out, c->categories[k]);
		buf_puts(out, "</text>");
	}
}

static void legend(buf *out, const chart *c)
{
	int y = TOP + PLOT_H + LABELS_H;
	for (size_t s = 0; s < c->nseries; s++) {
		int x = LEFT + (int)(s % 4) * 140, row = y + (int)(s / 4) * LEGEND_ROW;
		buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, row - 10,
			   colours[s % (sizeof colours / sizeof *colours)]);
		buf_printf(out, "<text x=\"%d\" y=\"%d\">", x + 16, row);
		put_text(out, c->series[s].name);
		buf_puts(out, "</text>");
	}
}

static void bars(buf *out, const chart *c, long long top, double slot)
{
	bool stacked = c->kind == CHART_STACKED;
	double width = stacked ? slot * 0.6 : slot * 0.8 / (double)(c->nseries ? c->nseries : 1);
	for (size_t k = 0; k < c->ncategories; k++) {
		long long base = 0;
		for (size_t s = 0; s < c->nseries; s++) {
			long long v = c->series[s].values[k] > 0 ? c->series[s].values[k] : 0;
			double x = stacked ? LEFT + slot * (double)k + slot * 0.2
					   : LEFT + slot * (double)k + slot * 0.1 + width * (double)s;
			double y = y_of(base + v, top), h = y_of(base, top) - y;
			buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>", x,
				   y, width, h, colours[s % (sizeof colours / sizeof *colours)],
				   stacked ? " stroke=\"#fff\"" : "");
			if (stacked)
				base += v;
		}
	}
}

static void lines(buf *out, const chart *c, long long top, double slot)
{
	for (size_t s = 0; s < c->nseries; s++) {
		const char *colour = colours[s % (sizeof colours / sizeof *colours)];
		buf_printf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", colour);
		for (size_t k = 0; k < c->ncategories; k++)
			buf_printf(out, "%s%.1f,%.1f", k ? " " : "", LEFT + slot * ((double)k + 0.5),
				   y_of(c->series[s].values[k] > 0 ? c->series[s].values[k] : 0, top));
		buf_puts(out, "\"/>");
		/* A dot on each point: a single bucket still shows. */
		for (size_t k = 0; k < c->ncategories; k++)
			buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
				   LEFT + slot * ((double)k + 0.5),
				   y_of(c->series[s].values[k] > 0 ? c->series[s].values[k] : 0, top), colour);
	}
}

void chart_svg(buf *out, const chart *c)
{
	long long top = axis_top(chart_max(c));
	int height = TOP + PLOT_H + LABELS_H + (int)((c->nseries + 3) / 4) * LEGEND_ROW;
	double slot = (double)(WIDTH - LEFT - RIGHT) / (double)(c->ncategories ? c->ncategories : 1);

	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\""
			" aria-labelledby=\"",
		   WIDTH, height);
	put_text(out, c->id);
	buf_puts(out, "-title ");
	put_text(out, c->id);
	buf_puts(out, "-desc\" font-size=\"12\" fill=\"#000\"><title id=\"");
	put_text(out, c->id);
	buf_puts(out, "-title\">");
	put_text(out, c->title);
	buf_puts(out, "</title><desc id=\"");
	put_text(out, c->id);
	buf_puts(out, "-desc\">");
	put_text(out, c->desc);
	buf_puts(out, "</desc>");
	axes(out, top);
	if (c->kind == CHART_LINE)
		lines(out, c, top, slot);
	else
		bars(out, c, top, slot);
	buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>", LEFT, TOP + PLOT_H,
		   WIDTH - RIGHT, TOP + PLOT_H);
	category_labels(out, c, slot);
	legend(out, c);
	buf_puts(out, "</svg>");
}
