package read

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read/images"
	"github.com/offprint/offprint/render/read/lang"
)

// DefaultLang is the language of a document whose input declares none and
// that the caller gave no --lang for.
const DefaultLang = "en"

// Bytes reads one input: decode, pick the reader (from forces one by
// name), read, and fill what every document must carry. Errors are
// phrased for a user and do not name the file; the caller adds that.
func Bytes(data []byte, from string, opt Options) (*render.Document, error) {
	text, warning, err := Decode(data)
	if err != nil {
		return nil, err
	}
	if warning != "" {
		opt.Warnf("decode", "%s", warning)
	}
	if opt.Images.Budget == nil {
		// Every article gets a count limit, whoever the caller is.
		opt.Images.Budget = images.NewBudget(0)
	}
	var r Reader
	if from != "" {
		var ok bool
		if r, ok = Lookup(from); !ok {
			return nil, fmt.Errorf("unknown input format %q (known: %s)", from, strings.Join(Names(), ", "))
		}
	} else if r, err = Detect(opt.Name, text); err != nil {
		return nil, err
	}
	doc, err := r.Read(text, opt)
	if err != nil {
		return nil, err
	}
	if doc.Lang == "" {
		doc.Lang = opt.Lang
	}
	if doc.Lang == "" {
		doc.Lang = DefaultLang
		if tag, ok := lang.Detect(sample(doc)); ok {
			doc.Lang = tag
		}
	}
	if doc.Description == "" {
		doc.Description = excerpt(doc.Blocks, 200)
	}
	if doc.Dir == "" && lang.RTL(doc.Lang) {
		doc.Dir = "rtl"
	}
	if strings.TrimSpace(doc.Title) == "" && len(doc.Blocks) == 0 {
		return nil, fmt.Errorf("no article text found")
	}
	if strings.TrimSpace(doc.Title) == "" {
		if t := TitleFromName(opt.Name); t != "" {
			doc.Title = t
			opt.Warnf("title", "no title in the article: named it %q after its path", t)
		}
	}
	return doc, nil
}

// genericStems are file names that say nothing of the article: a site
// generator's post/index.md, a saved page's source.html. Such a file is
// named by its folder instead.
var genericStems = map[string]bool{
	"index": true, "readme": true, "source": true, "article": true, "page": true, "post": true,
	"content": true, "main": true, "default": true, "document": true, "input": true, "text": true, "_index": true,
}

// TitleFromName is the title an article without one gets: its file's
// name without the extension, as written, or its folder's name when the
// file's says nothing. Standard input has no name and gets none.
func TitleFromName(name string) string {
	if name == "" || name == "-" {
		return ""
	}
	stem := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if genericStems[strings.ToLower(stem)] {
		if abs, err := filepath.Abs(name); err == nil {
			if dir := filepath.Base(filepath.Dir(abs)); dir != string(filepath.Separator) && dir != "." {
				stem = dir
			}
		}
	}
	return strings.TrimSpace(stem)
}

// sample is the article's opening text, enough for language detection.
func sample(doc *render.Document) string {
	var b strings.Builder
	b.WriteString(doc.Title)
	for _, bl := range doc.Blocks {
		if b.Len() > 4000 {
			break
		}
		switch bl := bl.(type) {
		case *render.Paragraph:
			b.WriteString("\n" + render.Plain(bl.Text))
		case *render.Heading:
			b.WriteString("\n" + render.Plain(bl.Text))
		}
	}
	return b.String()
}

// excerpt is the description of an article that declares none: its
// opening sentences up to max bytes, cut at a word, as Readability does
// for pages. It feeds the PDF's Subject and the EPUB's dc:description.
const minExcerptWords = 8

func excerpt(blocks []render.Block, max int) string {
	for _, bl := range blocks {
		p, ok := bl.(*render.Paragraph)
		if !ok {
			continue
		}
		words := strings.Fields(render.Plain(p.Text))
		if len(words) < minExcerptWords {
			continue // a button's label or a dateline, not the article's opening
		}
		text := strings.Join(words, " ")
		if len(text) <= max {
			return text
		}
		cut := text[:max]
		if i := strings.LastIndexAny(cut, ".!?"); i > max/2 {
			return cut[:i+1]
		}
		if i := strings.LastIndexByte(cut, ' '); i > 0 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	return ""
}
