/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* chart.h: charts as inline SVG, drawn on the server (no JavaScript):
 * bars, stacked bars and a line over time. Each chart is one <svg
 * role="img"> with a <title> and a <desc>; the page shows the same
 * figures as a table, the chart's text equivalent. Black text and dark
 * solid colours with a legend: readable when printed. */
#ifndef MDG_CHART_H
#define MDG_CHART_H
#include <stddef.h>

#include "core/buf.h"

/* One series: a name (the legend) and one value per category. */
typedef struct chart_series {
	const char *name;
	const long long *values;
} chart_series;

typedef enum chart_kind {
	CHART_BARS,    /* series side by side in each category */
	CHART_STACKED, /* series stacked in each category */
	CHART_LINE,    /* one line per series over the categories (time) */
} chart_kind;

typedef struct chart {
	chart_kind kind;
	const char *id;    /* unique in the page: the title's and desc's ids */
	const char *title; /* what the chart shows */
	const char *desc;  /* a sentence saying where the figures are in words */
	const char *const *categories; /* the x axis labels */
	size_t ncategories;
	const chart_series *series;
	size_t nseries;
} chart;

/* Appends the chart as an <svg> element to out; every text escaped. */
void chart_svg(buf *out, const chart *c);

#endif
