// Package markdown reads CommonMark with the GitHub extensions (tables,
// strikethrough, autolinks, task lists, footnotes) and YAML or TOML front
// matter into the document model. Importing it registers the "markdown"
// reader.
package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.abhg.dev/goldmark/frontmatter"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read"
)

func init() { read.Register(reader{}) }

type reader struct{}

func (reader) Name() string { return "markdown" }

func (reader) Extensions() []string { return []string{".md", ".markdown", ".mdown", ".mkd"} }

// newMarkdown builds the parser for one document: goldmark does not
// promise that a parser may be shared between goroutines, and building one
// costs microseconds. The typographer extension stays off: quotes and
// dashes are kept as the author typed them.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.Footnote,
			&frontmatter.Extender{},
		),
	)
}

// Read parses text and maps every node onto the model; what the model
// cannot hold is kept as text and reported through opt.Warnf.
func (reader) Read(src string, opt read.Options) (*render.Document, error) {
	source := []byte(src)
	ctx := parser.NewContext()
	root := newMarkdown().Parser().Parse(text.NewReader(source), parser.WithContext(ctx))

	doc := &render.Document{}
	titled := false
	if fm := frontmatter.Get(ctx); fm != nil {
		var raw map[string]any
		if err := fm.Decode(&raw); err != nil {
			opt.Warnf("meta", "front matter not understood, left out: %v", err)
		} else {
			doc.Meta = metaFrom(raw, opt)
			titled = strings.TrimSpace(doc.Title) != ""
		}
	}

	c := newConverter(source, opt)
	doc.Blocks = c.blocks(root)
	spaces(doc.Blocks)
	for _, label := range unreferencedNotes(root, source) {
		c.warn("model", "footnote [^%s] is never referred to: left out", label)
	}
	if !titled {
		doc.Title, doc.Blocks = takeTitle(doc.Blocks)
	}

	// --lang, detection and text direction are read.Bytes's business: one
	// rule for every input format.
	return doc, nil
}

// takeTitle lifts the first level-1 heading into the title when no
// paragraph comes before it: a heading further down is a section, and the
// article simply has no title of its own.
func takeTitle(blocks []render.Block) (string, []render.Block) {
	for i, b := range blocks {
		switch b := b.(type) {
		case *render.Paragraph:
			return "", blocks
		case *render.Heading:
			if b.Level == 1 {
				rest := append(append([]render.Block{}, blocks[:i]...), blocks[i+1:]...)
				return strings.TrimSpace(render.Plain(b.Text)), rest
			}
		}
	}
	return "", blocks
}

// Markdown signals for Sniff, each worth a little; front matter alone is
// almost certain.
var (
	frontMatter = regexp.MustCompile(`\A(?:---|\+\+\+)[ \t]*\r?\n(?s:.*?)\n(?:---|\+\+\+)[ \t]*(?:\r?\n|\z)`)
	signals     = []*regexp.Regexp{
		regexp.MustCompile(`(?m)^#{1,6} \S`),              // ATX heading
		regexp.MustCompile("(?m)^(?:```|~~~)"),            // fenced code
		regexp.MustCompile(`\[[^\]\n]+\]\([^)\s]+\)`),     // [text](url)
		regexp.MustCompile(`(?m)^[ \t]{0,3}\* \S`),        // "* " list
		regexp.MustCompile(`\*\*[^*\n]+\*\*|__[^_\n]+__`), // strong
	}
)

func (reader) Sniff(text string) float64 {
	if strings.HasPrefix(strings.TrimLeft(text, " \t\r\n\ufeff"), "<") {
		return 0
	}
	if frontMatter.MatchString(text) {
		return 0.8
	}
	if len(text) > 64<<10 {
		text = text[:64<<10]
	}
	n := 0
	for _, re := range signals {
		if re.MatchString(text) {
			n++
		}
	}
	switch {
	case n == 0:
		return 0
	case n == 1:
		return 0.3
	case n == 2:
		return 0.45
	}
	return 0.6
}
