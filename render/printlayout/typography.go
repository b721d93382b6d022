package printlayout

// The typographic standard, in one place; render/pdf/TYPOGRAPHY.md says why. Sizes
// are multiples of the body size, leading is line height over type size,
// and vertical space is in body lines (the body leading) unless it says
// otherwise.

// The page.
const (
	mm = 72 / 25.4
	// bodyA4 is the body size on A4 and US Letter, bodyA5 on A5, in points.
	bodyA4 = 11.0
	bodyA5 = 9.5
	// charsPerLine is the measure aimed at, in characters of body text.
	charsPerLine = 70
	// AvgChar is the mean advance of a character of English running text
	// in Noto Serif, in ems (measured on the seed article: 0.475).
	AvgChar = 0.475
	// minSide is the narrowest side margin, as a share of the page width.
	minSide = 0.12
	// top and bottom margins, as shares of the page height: the bottom is
	// the deeper, as the eye sees a block set at true centre as sinking.
	topMargin    = 0.085
	bottomMargin = 0.10
	// the running head's baseline, as a share of the top margin from the
	// page's edge; the folio's ("page N of M"), of the bottom margin.
	headAt  = 0.55
	folioAt = 0.5
)

// The type scale.
const (
	titleScale     = 2.1  // the article's title, sans bold
	subtitleScale  = 1.25 // serif italic
	h1Scale        = 1.4  // headings, sans bold, by level
	h2Scale        = 1.22 //
	h3Scale        = 1.1  // h4 and below: the body size
	quoteScale     = 0.94 // block quotes
	tableScale     = 0.9  // table cells
	endNoteScale   = 0.9  // the "Notes" section
	metaScale      = 0.86 // dateline and source under the byline
	captionScale   = 0.86 // figure captions, serif italic
	codeScale      = 0.86 // code, in the sans
	noteScale      = 0.82 // footnotes at the page foot
	furnitureScale = 0.78 // running head and folio, sans, grey
	callScale      = 0.62 // a note call's superscript number
	callRise       = 0.36 // how far it is raised, in body sizes
)

// Leading.
const (
	leadingRatio   = 1.35 // body text, quotes, end notes
	titleLeading   = 1.18 // the title: large type needs less
	headingLeading = 1.25
	smallLeading   = 1.3 // captions, footnotes, code, tables, dateline
)

// Vertical space, in lines of the text it follows or precedes.
const (
	paragraphGap    = 0.5  // between paragraphs (no first-line indent)
	headingBefore   = 1.3  // above a heading of level 1 or 2
	headingBeforeH3 = 1.0  // above a heading of level 3 and below
	headingAfter    = 0.4  // between a heading and its text
	quoteGap        = 0.8  // around a block quote
	listItemGap     = 0.25 // between list items
	sectionGap      = 1.5  // above "Notes" and "About the author"
	figureGap       = 1.0  // around a figure
	captionGap      = 0.4  // between a picture and its caption
)

// Figures and long words.
const (
	// MaxFigureHeight is the tallest a picture is drawn, as a share of
	// the text block's height: room is left for its caption, and for text.
	MaxFigureHeight = 0.6
	// minWordSize is the smallest type, in points, a word wider than the
	// measure is drawn at to keep it whole on its own line (a URL, a row
	// of box-drawing characters); a longer one is broken. Seven points is
	// the usual floor for legible print.
	minWordSize = 7.0
)
