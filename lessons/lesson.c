/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lesson.c: Markdown to screens of styled blocks, through cmark's tree.
 * See lesson.h.  The text is normalised to NFC before cmark sees it, so
 * every later width is counted on composed letters.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "core/i18n.h"
#include "core/text.h"
#include "core/util.h"
#include "lessons/lesson.h"
#include "lessons/richtext.h"
#include "quiz/gift.h"

/* Largest lesson file, in bytes. */
#define LESSON_MAX_BYTES (1 << 20)

struct builder {
	struct lesson *lesson;
	int quote;		/* block-quote depth */
	int indent;		/* list indent, in columns */
	int marker_width;	/* of the item being walked, or 0 */
	const char *marker;	/* to give the item's first block, or NULL */
	int tight;		/* inside a tight list */
	int callout;		/* the callout being walked, or 0 */
	int ncallouts;
	int npractice;		/* practice blocks so far */
	int ntry;		/* type-it boxes so far */
	char **ids;		/* the ids of practice blocks and boxes */
	int nids;
	const char *file;	/* for messages */
	struct hs_error *err;	/* the first problem */
	int failed;
	size_t *breaks;		/* where the block's source lines start */
	int nbreaks;		/* (offsets in its text), for marks' lines */
};

static struct lesson_screen *
builder_screen(struct builder *b)
{
	struct lesson *l = b->lesson;

	if (l->nscreens == 0) {
		l->screens = xcalloc(1, sizeof *l->screens);
		l->nscreens = 1;
	}
	return &l->screens[l->nscreens - 1];
}

static void
builder_break(struct builder *b)
{
	struct lesson *l = b->lesson;

	if (l->nscreens == 0 || l->screens[l->nscreens - 1].nblocks == 0)
		return;		/* no empty screens */
	l->screens = xrealloc(l->screens, (l->nscreens + 1) * sizeof *l->screens);
	memset(&l->screens[l->nscreens], 0, sizeof *l->screens);
	l->nscreens++;
}

static struct lesson_block *
builder_block(struct builder *b, enum lesson_block_kind kind)
{
	struct lesson_screen *s = builder_screen(b);
	struct lesson_block *blk;

	s->blocks = xrealloc(s->blocks, (s->nblocks + 1) * sizeof *s->blocks);
	blk = &s->blocks[s->nblocks++];
	memset(blk, 0, sizeof *blk);
	blk->kind = kind;
	blk->answer = -1;
	blk->quote = b->quote;
	blk->indent = b->indent;
	blk->marker_width = b->marker_width;
	blk->tight = b->tight;
	blk->callout = b->callout;
	if (b->marker != NULL) {
		snprintf(blk->marker, sizeof blk->marker, "%s", b->marker);
		b->marker = NULL;
	}
	return blk;
}

static void
block_add(struct lesson_block *blk, const char *s, size_t n, unsigned style)
{
	if (s == NULL || n == 0)
		return;
	blk->text = xrealloc(blk->text, blk->len + n + 1);
	blk->style = xrealloc(blk->style, blk->len + n + 1);
	memcpy(blk->text + blk->len, s, n);
	memset(blk->style + blk->len, (int)style, n);
	blk->len += n;
	blk->text[blk->len] = '\0';
}

static void
block_add_str(struct lesson_block *blk, const char *s, unsigned style)
{
	if (s != NULL)
		block_add(blk, s, strlen(s), style);
}

/* Notes that the block's next source line starts at its text's end. */
static void
builder_newline(struct builder *b, const struct lesson_block *blk)
{
	b->breaks = xrealloc(b->breaks, (b->nbreaks + 1) * sizeof *b->breaks);
	b->breaks[b->nbreaks++] = blk->len;
}

/* Appends the inline children of node to blk. */
static void
walk_inlines(struct builder *b, cmark_node *node, unsigned style,
    struct lesson_block *blk)
{
	cmark_node *c;
	const char *url;

	for (c = cmark_node_first_child(node); c != NULL;
	    c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			block_add_str(blk, cmark_node_get_literal(c), style);
			break;
		case CMARK_NODE_CODE:
			block_add_str(blk, cmark_node_get_literal(c),
			    style | LESSON_CODE);
			break;
		case CMARK_NODE_SOFTBREAK:
			block_add(blk, " ", 1, style);
			builder_newline(b, blk);
			break;
		case CMARK_NODE_LINEBREAK:
			block_add(blk, "\n", 1, style);
			builder_newline(b, blk);
			break;
		case CMARK_NODE_EMPH:
			walk_inlines(b, c, style | LESSON_EMPH, blk);
			break;
		case CMARK_NODE_STRONG:
			walk_inlines(b, c, style | LESSON_BOLD, blk);
			break;
		case CMARK_NODE_LINK:
			walk_inlines(b, c, style | LESSON_LINK, blk);
			url = cmark_node_get_url(c);
			if (url != NULL && *url != '\0') {
				block_add_str(blk, " (", style);
				block_add_str(blk, url, style | LESSON_LINK);
				block_add_str(blk, ")", style);
			}
			break;
		case CMARK_NODE_IMAGE:
			walk_inlines(b, c, style, blk);
			break;
		default:
			walk_inlines(b, c, style, blk);
			break;
		}
	}
}

static void walk_blocks(struct builder *b, cmark_node *node);
static int builder_id(struct builder *b, const char *id);

/* The line in the lesson file of byte off of a block whose source
 * starts at first (breaks noted while it was walked). */
static int
mark_line(const struct builder *b, int first, size_t off)
{
	int i, line = first;

	for (i = 0; i < b->nbreaks; i++)
		if (b->breaks[i] <= off)
			line++;
	return line;
}

/* Records the lesson's first mistake, at line. */
static void
mark_fail(struct builder *b, int line, const char *msg)
{
	if (!b->failed)
		hs_error_set_at(b->err, HS_EINVAL, b->file, line, 0, "%s", msg);
	b->failed = 1;
}

/* Whether the two bytes at i are "[[" (or "]]" with c ']') in text that
 * is not code. */
static int
mark_at(const struct lesson_block *blk, size_t i, char c)
{
	return i + 1 < blk->len && blk->text[i] == c && blk->text[i + 1] == c &&
	    !(blk->style[i] & LESSON_CODE) && !(blk->style[i + 1] & LESSON_CODE);
}

/* Trims blanks off both ends of [*s, *s + *n). */
static void
mark_trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\n')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\n'))
		(*n)--;
}

/* Finds the marks in blk's text, whose source starts at line first:
 * each "[[shown|term]]" is replaced by its shown words in LESSON_TERM
 * style and recorded.  A mark left open, a "]]" with none open, and an
 * empty mark are errors at their line. */
static void
marks_extract(struct builder *b, struct lesson_block *blk, int first)
{
	size_t i = 0, j, n, sn, tn, bar;
	const char *shown, *term;
	struct lesson_mark *mk;
	char *text;
	unsigned char *style;
	int line, k;

	while (!b->failed && i < blk->len) {
		if (mark_at(blk, i, ']'))
			mark_fail(b, mark_line(b, first, i), _("']]' closes "
			    "no glossary mark: a mark is written [[term]]"));
		if (!mark_at(blk, i, '[')) {
			i++;
			continue;
		}
		line = mark_line(b, first, i);
		for (j = i + 2; j < blk->len && !mark_at(blk, j, ']'); j++)
			if (mark_at(blk, j, '[')) {
				mark_fail(b, line, _("a glossary mark "
				    "opened with '[[' is not closed with ']]' "
				    "before the next one"));
				return;
			}
		if (j >= blk->len) {
			mark_fail(b, line, _("a glossary mark opened "
			    "with '[[' is not closed with ']]'"));
			return;
		}
		shown = blk->text + i + 2;
		n = j - i - 2;
		term = memchr(shown, '|', n);
		if (term != NULL) {
			bar = (size_t)(term - shown);
			sn = bar;
			term++;
			tn = n - bar - 1;
		} else {
			sn = tn = n;
			term = shown;
		}
		mark_trim(&shown, &sn);
		mark_trim(&term, &tn);
		if (sn == 0 || tn == 0) {
			mark_fail(b, line, _("an empty glossary mark: "
			    "write [[term]] or [[words shown|term]]"));
			return;
		}
		blk->marks = xrealloc(blk->marks, (blk->nmarks + 1) *
		    sizeof *blk->marks);
		mk = &blk->marks[blk->nmarks++];
		mk->start = i;
		mk->len = sn;
		mk->term = xmalloc(tn + 1);
		memcpy(mk->term, term, tn);
		mk->term[tn] = '\0';
		mk->line = line;
		/* The text and styles without the mark's brackets. */
		text = xmalloc(blk->len + 1);
		style = xmalloc(blk->len + 1);
		memcpy(text, blk->text, i);
		memcpy(style, blk->style, i);
		memcpy(text + i, shown, sn);
		memset(style + i, blk->style[shown - blk->text] | LESSON_TERM,
		    sn);
		memcpy(text + i + sn, blk->text + j + 2, blk->len - j - 2);
		memcpy(style + i + sn, blk->style + j + 2, blk->len - j - 2);
		n = (j + 2) - (i + sn);		/* bytes taken out */
		for (k = 0; k < b->nbreaks; k++)	/* the lines move too */
			if (b->breaks[k] > i)
				b->breaks[k] = b->breaks[k] >= j + 2 ?
				    b->breaks[k] - n : i + sn;
		blk->len -= n;
		text[blk->len] = '\0';
		free(blk->text);
		free(blk->style);
		blk->text = text;
		blk->style = style;
		i += sn;
	}
}

/* Walks a block's inlines into blk, then finds its glossary marks. */
static void
walk_text(struct builder *b, cmark_node *node, unsigned style,
    struct lesson_block *blk)
{
	b->nbreaks = 0;
	walk_inlines(b, node, style, blk);
	if (blk->text != NULL)
		marks_extract(b, blk, cmark_node_get_start_line(node));
}

/* A mark in a block shown as written (art, code, practice) is an error
 * at its line. */
static void
marks_refuse(struct builder *b, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node), *p, *q;
	int line = cmark_node_get_start_line(node), nlines = 0;

	if (lit == NULL || (p = strstr(lit, "[[")) == NULL)
		return;
	for (q = lit; *q != '\0'; q++)
		nlines += *q == '\n';
	/* A fenced block's text starts after its opening fence. */
	if (cmark_node_get_end_line(node) - line + 1 > nlines)
		line++;
	for (; lit < p; lit++)
		line += *lit == '\n';
	mark_fail(b, line, _("a glossary mark cannot be inside an art, "
	    "code or practice block"));
}

/* Replaces *s (in format) with its plain words. */
static void
plain_words(char **s, int format)
{
	char *w;

	if (*s == NULL)
		return;
	w = richtext_plain(*s, format);
	free(*s);
	*s = w;
}

/* A practice question in HTML (or Moodle's auto-format) as plain words:
 * a lesson lays its practice out as plain paragraphs. */
static void
practice_plain(struct quiz_question *q)
{
	int i;

	if (q->format != RICHTEXT_HTML && q->format != RICHTEXT_MOODLE)
		return;
	plain_words(&q->text, q->format);
	plain_words(&q->general_feedback, q->format);
	for (i = 0; i < q->nchoices; i++) {
		plain_words(&q->choices[i].text, q->format);
		plain_words(&q->choices[i].feedback, q->format);
	}
}

/* A fenced "gift" block: one multiple-choice question to answer on the
 * spot.  Its errors are given at their line in the lesson file. */
static void
walk_practice(struct builder *b, cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	struct lesson_block *blk;
	struct quiz_bank bank = { 0 };
	struct hs_error e;
	int first = cmark_node_get_start_line(node) + 1;	/* after ``` */

	if (b->failed)
		return;
	if (gift_parse(lit != NULL ? lit : "", lit != NULL ? strlen(lit) : 0,
	    b->file, &bank, &e) != 0) {
		hs_error_set_at(b->err, HS_EINVAL, b->file, first + e.line - 1,
		    e.column, "%s", e.msg);
		b->failed = 1;
		return;
	}
	if (bank.n == 1 && bank.questions[0].type != QUIZ_CHOICE &&
	    bank.questions[0].type != QUIZ_ORDERING) {
		hs_error_set_at(b->err, HS_EINVAL, b->file,
		    first + bank.questions[0].line - 1, 0, _("a practice "
		    "question must be multiple choice (one '=' answer) or "
		    "ordering ('>>' steps)"));
		quiz_bank_free(&bank);
		b->failed = 1;
		return;
	}
	if (bank.n != 1) {
		hs_error_set_at(b->err, HS_EINVAL, b->file, first - 1, 0,
		    _("a practice block holds exactly one question"));
		quiz_bank_free(&bank);
		b->failed = 1;
		return;
	}
	b->npractice++;
	practice_plain(&bank.questions[0]);
	if (bank.questions[0].title == NULL) {
		free(bank.questions[0].id);
		bank.questions[0].id = xmalloc(32);
		snprintf(bank.questions[0].id, 32, "practice%d", b->npractice);
	}
	builder_id(b, bank.questions[0].id);
	blk = builder_block(b, LESSON_PRACTICE);
	blk->practice = bank;
	for (int k = 0; k < bank.questions[0].nchoices; k++)
		blk->order[k] = k;
	block_add_str(blk, bank.questions[0].text, LESSON_BOLD);
	blk->tight = 0;
}

/* Notes id as used by a practice block or a box.  Returns 0, or -1 when
 * it was used before. */
static int
builder_id(struct builder *b, const char *id)
{
	int i;

	for (i = 0; i < b->nids; i++)
		if (!strcmp(b->ids[i], id))
			return -1;
	b->ids = xrealloc(b->ids, (b->nids + 1) * sizeof *b->ids);
	b->ids[b->nids++] = xstrdup(id);
	return 0;
}

/* Whether info is a type-it box's: "try" alone or followed by words. */
static int
is_try(const char *info)
{
	return info != NULL && !strncmp(info, "try", 3) &&
	    (info[3] == '\0' || info[3] == ' ' || info[3] == '\t');
}

/* Whether id is a box's id: letters, digits, '-' and '_' (ASCII). */
static int
try_id_ok(const char *id)
{
	size_t n = strlen(id);

	return n > 0 && n < LESSON_TRY_ID_MAX && strspn(id,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-_") == n;
}

/* A fenced "try KIND [ID]" block: a type-it box whose body is its
 * prompt, one or two lines.  Its errors are given at the fence's line. */
static void
walk_try(struct builder *b, cmark_node *node, const char *info)
{
	static const struct {
		const char *word;
		enum lesson_try_kind kind;
	} kinds[] = {
		{ "password", LESSON_TRY_PASSWORD },
		{ "telex", LESSON_TRY_TELEX },
	};
	const char *lit = cmark_node_get_literal(node);
	int line = cmark_node_get_start_line(node), nwords = 0, nlines = 0;
	char words[3][LESSON_TRY_ID_MAX + 16], id[LESSON_TRY_ID_MAX];
	struct lesson_block *blk;
	const char *p;
	size_t n, k;
	unsigned i;

	if (b->failed)
		return;
	for (p = info + 3; nwords <= 2; ) {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		n = strcspn(p, " \t");
		k = n < sizeof words[0] ? n : sizeof words[0] - 1;
		memcpy(words[nwords], p, k);
		words[nwords++][k] = '\0';
		p += n;
	}
	if (nwords == 0) {
		hs_error_set_at(b->err, HS_EINVAL, b->file, line, 0,
		    _("a try block needs a kind: 'try password' or "
		    "'try telex'"));
		goto fail;
	}
	for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (!strcmp(words[0], kinds[i].word))
			break;
	if (i == sizeof kinds / sizeof *kinds) {
		hs_error_set_at(b->err, HS_EINVAL, b->file, line, 0,
		    _("unknown kind of try block '%s': use password or telex"),
		    words[0]);
		goto fail;
	}
	if (nwords > 2) {
		hs_error_set_at(b->err, HS_EINVAL, b->file, line, 0,
		    _("a try block takes a kind and an id, no more words"));
		goto fail;
	}
	b->ntry++;
	if (nwords == 2 && !try_id_ok(words[1])) {
		hs_error_set_at(b->err, HS_EINVAL, b->file, line, 0,
		    _("bad id '%s' of a try block: use letters, digits, "
		    "'-' and '_'"), words[1]);
		goto fail;
	}
	if (nwords == 2)
		snprintf(id, sizeof id, "%s", words[1]);
	else
		snprintf(id, sizeof id, "try%d", b->ntry);
	if (builder_id(b, id) != 0) {
		hs_error_set_at(b->err, HS_EINVAL, b->file, line, 0,
		    _("the id '%s' is used twice in this lesson"), id);
		goto fail;
	}
	n = lit != NULL ? strlen(lit) : 0;
	while (n > 0 && (lit[n - 1] == '\n' || lit[n - 1] == ' '))
		n--;
	while (n > 0 && (*lit == '\n' || *lit == ' ')) {
		lit++;
		n--;
	}
	for (k = 0; k < n; k++)
		nlines += lit[k] == '\n';
	if (n == 0) {
		hs_error_set_at(b->err, HS_EINVAL, b->file, line, 0,
		    _("a try block needs a prompt: a line that says what to "
		    "type"));
		goto fail;
	}
	if (nlines > 1) {
		hs_error_set_at(b->err, HS_EINVAL, b->file, line, 0,
		    _("a try block's prompt is one or two lines"));
		goto fail;
	}
	blk = builder_block(b, LESSON_TRY);
	blk->try_kind = kinds[i].kind;
	snprintf(blk->try_id, sizeof blk->try_id, "%s", id);
	block_add(blk, lit, n, 0);
	blk->tight = 0;
	return;
fail:
	b->failed = 1;
}

/* Whether a block quote is a warning callout: its first paragraph starts
 * with a strong "Cảnh báo:" or "Warning:". */
static int
is_callout(cmark_node *quote)
{
	static const char *const words[] = { "Cảnh báo:", "Warning:" };
	cmark_node *p = cmark_node_first_child(quote), *strong, *text;
	const char *lit;
	unsigned i;

	if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH ||
	    (strong = cmark_node_first_child(p)) == NULL ||
	    cmark_node_get_type(strong) != CMARK_NODE_STRONG ||
	    (text = cmark_node_first_child(strong)) == NULL ||
	    (lit = cmark_node_get_literal(text)) == NULL)
		return 0;
	for (i = 0; i < sizeof words / sizeof *words; i++)
		if (!strncmp(lit, words[i], strlen(words[i])))
			return 1;
	return 0;
}

static void
walk_list(struct builder *b, cmark_node *list)
{
	/* Only the list's own fields come back after it: what its items
	 * found (failed, the practice count, the line breaks' array, which
	 * they may have moved) stays. */
	int saved_indent = b->indent, saved_width = b->marker_width,
	    saved_tight = b->tight;
	const char *saved_marker = b->marker;
	cmark_node *item;
	char marker[16];
	int n = cmark_node_get_list_start(list), ordered, width;
	struct lesson_screen *s;

	ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	b->indent = saved_indent + saved_width;
	b->tight = cmark_node_get_list_tight(list);
	for (item = cmark_node_first_child(list); item != NULL;
	    item = cmark_node_next(item), n++) {
		if (ordered)
			snprintf(marker, sizeof marker, "%d%c ", n,
			    cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ?
			    ')' : '.');
		else
			snprintf(marker, sizeof marker, "• ");
		width = text_width(marker, strlen(marker));
		b->marker = marker;
		b->marker_width = width;
		walk_blocks(b, item);
		b->marker = NULL;
	}
	/* A blank line after the list, whatever its tightness. */
	s = builder_screen(b);
	if (s->nblocks > 0)
		s->blocks[s->nblocks - 1].tight = 0;
	b->indent = saved_indent;
	b->marker_width = saved_width;
	b->marker = saved_marker;
	b->tight = saved_tight;
}

static void
walk_blocks(struct builder *b, cmark_node *node)
{
	struct lesson_block *blk;
	cmark_node *c;
	const char *info, *lit;
	size_t n;

	for (c = cmark_node_first_child(node); c != NULL;
	    c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_THEMATIC_BREAK:
			builder_break(b);
			break;
		case CMARK_NODE_HEADING:
			blk = builder_block(b, LESSON_HEADING_BLOCK);
			blk->level = cmark_node_get_heading_level(c);
			walk_text(b, c, LESSON_HEADING | LESSON_BOLD, blk);
			if (b->lesson->title == NULL && blk->text != NULL)
				b->lesson->title = xstrdup(blk->text);
			break;
		case CMARK_NODE_PARAGRAPH:
			blk = builder_block(b, b->marker_width > 0 ?
			    LESSON_ITEM : LESSON_PARAGRAPH);
			walk_text(b, c, 0, blk);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			if (b->callout == 0 && b->quote == 0 && is_callout(c)) {
				b->callout = ++b->ncallouts;
				walk_blocks(b, c);
				b->callout = 0;
				break;
			}
			b->quote++;
			walk_blocks(b, c);
			b->quote--;
			break;
		case CMARK_NODE_LIST:
			walk_list(b, c);
			break;
		case CMARK_NODE_CODE_BLOCK:
			info = cmark_node_get_fence_info(c);
			marks_refuse(b, c);
			if (info != NULL && !strcmp(info, "gift")) {
				walk_practice(b, c);
				break;
			}
			if (is_try(info)) {
				walk_try(b, c, info);
				break;
			}
			blk = builder_block(b, info != NULL &&
			    !strcmp(info, "art") ? LESSON_ART : LESSON_CODE_BLOCK);
			if (info != NULL)
				sscanf(info, "%15s", blk->info);
			lit = cmark_node_get_literal(c);
			n = lit != NULL ? strlen(lit) : 0;
			while (n > 0 && lit[n - 1] == '\n')
				n--;
			block_add(blk, lit, n, blk->kind == LESSON_ART ?
			    0 : LESSON_CODE);
			blk->tight = 0;
			break;
		case CMARK_NODE_HTML_BLOCK:
			blk = builder_block(b, LESSON_PARAGRAPH);
			block_add_str(blk, cmark_node_get_literal(c), 0);
			break;
		default:
			walk_blocks(b, c);
			break;
		}
	}
}

int
lesson_parse(const char *md, size_t len, const char *file,
    struct lesson **out, struct hs_error *err)
{
	struct builder b = { 0 };
	cmark_node *doc;
	char *nfc;
	int rc;

	*out = NULL;
	if (len > LESSON_MAX_BYTES)
		return hs_error_set_at(err, HS_EINVAL, file, 0, 0,
		    _("a lesson may be at most %d bytes"), LESSON_MAX_BYTES);
	nfc = text_nfc(md, len);
	doc = cmark_parse_document(nfc, strlen(nfc), CMARK_OPT_VALIDATE_UTF8);
	free(nfc);
	if (doc == NULL)
		return hs_error_set_at(err, HS_ENOMEM, file, 0, 0,
		    _("out of memory"));
	b.lesson = xcalloc(1, sizeof *b.lesson);
	b.file = file;
	b.err = err;
	walk_blocks(&b, doc);
	cmark_node_free(doc);
	free(b.breaks);
	while (b.nids > 0)
		free(b.ids[--b.nids]);
	free(b.ids);
	if (b.failed) {
		rc = err != NULL ? err->code : HS_EINVAL;
		lesson_free(b.lesson);
		return rc;
	}
	if (b.lesson->nscreens > 0 &&
	    b.lesson->screens[b.lesson->nscreens - 1].nblocks == 0)
		b.lesson->nscreens--;	/* a trailing "---" */
	if (b.lesson->nscreens == 0) {
		lesson_free(b.lesson);
		return hs_error_set_at(err, HS_EINVAL, file, 0, 0,
		    _("the lesson is empty"));
	}
	*out = b.lesson;
	return 0;
}

int
lesson_load(const char *path, struct lesson **out, struct hs_error *err)
{
	size_t len;
	char *md;
	int rc;

	*out = NULL;
	if ((md = util_read_file(path, LESSON_MAX_BYTES, &len, err)) == NULL)
		return err != NULL ? err->code : HS_EIO;
	rc = lesson_parse(md, len, path, out, err);
	free(md);
	return rc;
}

void
lesson_free(struct lesson *l)
{
	int i, j, k;

	if (l == NULL)
		return;
	for (i = 0; i < l->nscreens; i++) {
		for (j = 0; j < l->screens[i].nblocks; j++) {
			free(l->screens[i].blocks[j].text);
			free(l->screens[i].blocks[j].style);
			free(l->screens[i].blocks[j].verdict);
			for (k = 0; k < l->screens[i].blocks[j].nmarks; k++)
				free(l->screens[i].blocks[j].marks[k].term);
			free(l->screens[i].blocks[j].marks);
			quiz_bank_free(&l->screens[i].blocks[j].practice);
		}
		free(l->screens[i].blocks);
	}
	/* A trailing empty screen dropped from nscreens holds no blocks. */
	free(l->screens);
	free(l->title);
	free(l);
}

struct lesson_block *
lesson_practice(const struct lesson_screen *screen)
{
	int i;

	for (i = 0; i < screen->nblocks; i++)
		if (screen->blocks[i].kind == LESSON_PRACTICE)
			return &screen->blocks[i];
	return NULL;
}

struct lesson_block *
lesson_try(const struct lesson_screen *screen)
{
	int i;

	for (i = 0; i < screen->nblocks; i++)
		if (screen->blocks[i].kind == LESSON_TRY)
			return &screen->blocks[i];
	return NULL;
}

void
lesson_practice_set(struct lesson_block *blk, int choice, const char *verdict)
{
	free(blk->verdict);
	blk->answer = choice;
	blk->verdict = verdict != NULL ? text_nfc(verdict, strlen(verdict)) :
	    NULL;
}
