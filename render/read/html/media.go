package html

import (
	"errors"
	"io/fs"
	"net/url"
	"path"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/read/images"
)

// image loads an <img> or <picture>. The source is the first of: src,
// the lazy-loading attributes (data-src, data-lazy-src, data-original),
// the widest PNG/JPEG/GIF/WebP candidate of a srcset or of the picture's
// <source>s, an <img> in a <noscript> beside it; each is tried in turn.
// An image that cannot be loaded is left out with a warning; tracking
// pixels and spacers are left out silently.
func (c *converter) image(n *xhtml.Node) *render.Image {
	img := n
	if n.DataAtom == atom.Picture {
		img = nil
		walk(n, func(d *xhtml.Node) bool {
			if img == nil && d.Type == xhtml.ElementNode && d.DataAtom == atom.Img {
				img = d
			}
			return img == nil
		})
	}
	if img != nil && pixelSized(img) {
		return nil
	}
	alt := ""
	if img != nil {
		alt = collapse(attr(img, "alt"))
	}
	cands := imageCandidates(n, img)
	if len(cands) == 0 {
		if alt != "" {
			c.opt.Warnf("image", "image %q has no source: left out", alt)
		}
		return nil
	}
	var firstErr error
	for i, src := range cands {
		if i == 3 {
			break
		}
		out, err := c.loadImage(src)
		if err == nil {
			if out.Width <= 2 && out.Height <= 2 {
				return nil
			}
			out.Alt = alt
			return out
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	c.opt.Warnf("image", "%v", firstErr)
	return nil
}

// loadImage loads one source. A relative one is looked for beside the
// input first (a page saved with its images), then at the page's web
// address when it has one.
func (c *converter) loadImage(src string) (*render.Image, error) {
	var tries []string
	u, err := url.Parse(src)
	switch {
	case strings.HasPrefix(src, "data:") || err != nil:
		tries = []string{src}
	case strings.HasPrefix(src, "//"):
		scheme := "https"
		if c.base != nil {
			scheme = c.base.Scheme
		}
		tries = []string{scheme + ":" + src}
	case u.Scheme != "":
		tries = []string{src}
	case strings.HasPrefix(src, "/") && c.base != nil:
		tries = []string{c.base.ResolveReference(u).String()}
	default:
		tries = []string{src}
		if c.base != nil {
			tries = append(tries, c.base.ResolveReference(u).String())
		}
	}
	opt := c.opt.ImageOptions()
	var lastErr error
	for i, t := range tries {
		data, mime, w, h, err := images.Load(t, opt)
		if err == nil {
			return &render.Image{Src: t, Data: data, MIME: mime, Width: w, Height: h}, nil
		}
		lastErr = err
		if i == 0 && len(tries) > 1 && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, images.ErrOutside) {
			return nil, err
		}
	}
	return nil, lastErr
}

// pixelSized is an image declared one pixel wide or high: a tracker or a
// spacer, never part of the article.
func pixelSized(img *xhtml.Node) bool {
	for _, k := range []string{"width", "height"} {
		if v, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(attr(img, k)), "px")); err == nil && v <= 1 {
			return true
		}
	}
	return false
}

var lazyAttrs = []string{"data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src", "data-full-src"}
var lazySrcsets = []string{"srcset", "data-srcset", "data-lazy-srcset"}

func imageCandidates(n, img *xhtml.Node) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	var placeholder string
	if img != nil {
		src := strings.TrimSpace(attr(img, "src"))
		if strings.HasPrefix(src, "data:") && len(src) < 200 {
			// A tiny inline image is a lazy loader's stand-in: try it
			// only when nothing else is named.
			placeholder = src
		} else {
			add(src)
		}
		for _, k := range lazyAttrs {
			add(attr(img, k))
		}
	}
	var sets []srcCandidate
	if img != nil {
		for _, k := range lazySrcsets {
			sets = append(sets, parseSrcset(attr(img, k))...)
		}
	}
	if n.DataAtom == atom.Picture {
		walk(n, func(d *xhtml.Node) bool {
			if d.Type == xhtml.ElementNode && d.DataAtom == atom.Source && typeWanted(attr(d, "type")) {
				for _, k := range lazySrcsets {
					sets = append(sets, parseSrcset(attr(d, k))...)
				}
			}
			return true
		})
	}
	if best := widest(sets); best != "" {
		add(best)
	}
	if img != nil {
		if ns := img.NextSibling; ns != nil {
			for ns != nil && ns.Type == xhtml.TextNode && strings.TrimSpace(ns.Data) == "" {
				ns = ns.NextSibling
			}
			if ns != nil && ns.Type == xhtml.ElementNode && ns.DataAtom == atom.Noscript {
				for _, s := range noscriptImages(ns) {
					add(s)
				}
			}
		}
	}
	if len(out) == 0 {
		add(placeholder)
	}
	return out
}

// noscriptImages reads the sources of the <img> a lazy-loading page puts
// in <noscript> for readers without scripts. With scripting on, the
// parser keeps noscript content as raw text.
func noscriptImages(ns *xhtml.Node) []string {
	var raw strings.Builder
	for ch := ns.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == xhtml.TextNode {
			raw.WriteString(ch.Data)
		}
	}
	nodes, err := xhtml.ParseFragment(strings.NewReader(raw.String()), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return nil
	}
	var out []string
	for _, top := range nodes {
		walk(top, func(d *xhtml.Node) bool {
			if d.Type == xhtml.ElementNode && d.DataAtom == atom.Img {
				if s := strings.TrimSpace(attr(d, "src")); s != "" {
					out = append(out, s)
				}
				if best := widest(parseSrcset(attr(d, "srcset"))); best != "" {
					out = append(out, best)
				}
			}
			return true
		})
	}
	return out
}

func typeWanted(t string) bool {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "", "image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp":
		return true
	}
	return false
}

type srcCandidate struct {
	url   string
	width float64 // from a "w" descriptor, or a density times 1000
}

// parseSrcset reads "a.jpg 640w, b.jpg 1280w" (or "1x, 2x" densities).
// URLs may hold commas; a candidate ends at a comma after its
// descriptors, as the HTML spec reads it.
func parseSrcset(s string) []srcCandidate {
	var out []srcCandidate
	i := 0
	for i < len(s) {
		for i < len(s) && (isHTMLSpace(rune(s[i])) || s[i] == ',') {
			i++
		}
		start := i
		for i < len(s) && !isHTMLSpace(rune(s[i])) {
			i++
		}
		u := s[start:i]
		descr := ""
		if strings.HasSuffix(u, ",") {
			u = strings.TrimRight(u, ",")
		} else {
			dStart := i
			depth := 0
			for i < len(s) && (s[i] != ',' || depth > 0) {
				switch s[i] {
				case '(':
					depth++
				case ')':
					depth--
				}
				i++
			}
			descr = strings.TrimSpace(s[dStart:i])
		}
		if u == "" {
			continue
		}
		c := srcCandidate{url: u, width: 1000}
		for _, d := range strings.Fields(descr) {
			if v, err := strconv.ParseFloat(d[:len(d)-1], 64); err == nil && len(d) > 1 {
				switch d[len(d)-1] {
				case 'w':
					c.width = v
				case 'x':
					c.width = v * 1000
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// widest picks the largest candidate whose name does not say it is a
// format we cannot use.
func widest(cands []srcCandidate) string {
	best, bestW := "", -1.0
	for _, c := range cands {
		if !extWanted(c.url) {
			continue
		}
		if c.width > bestW {
			best, bestW = c.url, c.width
		}
	}
	return best
}

func extWanted(src string) bool {
	p := src
	if u, err := url.Parse(src); err == nil {
		p = u.Path
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".avif", ".svg", ".svgz", ".jxl", ".heic", ".heif", ".tif", ".tiff", ".bmp", ".ico":
		return false
	}
	return true
}
