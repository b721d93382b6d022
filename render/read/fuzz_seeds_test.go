package read_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
)

// hardSeeds are inputs aimed at the renderers' weak spots: images of
// every colour model the decoders and fpdf's parsers meet, words longer
// than a line, tables wider than a page, list numbers at the edges of
// int, text direction and combining marks. They are added to every
// target, each in the reader's own syntax.
func hardSeeds(reader string) []string {
	var out []string
	img := func(uri string) string {
		switch reader {
		case "markdown":
			return "# Image\n\nBefore.\n\n![an image](" + uri + ")\n\nAfter.\n"
		case "html":
			return `<h1>Image</h1><p>Before.</p><figure><img src="` + uri + `" alt="an image"><figcaption>cap</figcaption></figure><p>After.</p>`
		}
		return ""
	}
	if reader != "text" {
		for _, uri := range imageURIs() {
			out = append(out, img(uri))
		}
	}
	long := strings.Repeat("x", 5000)
	cjk := strings.Repeat("漢字かなカナ한글", 400)
	marks := "e" + strings.Repeat("\u0301", 200) + " \u202eevil\u202c \u200d\u200b\ufeff \t\f\v done"
	switch reader {
	case "text":
		out = append(out, "Title\n\n"+long+"\n", "Title\n\n"+cjk+"\n", "Title\n\n"+marks+"\n", "\n\n\n\nx\n", "By\n\nBy\n")
	case "markdown":
		out = append(out,
			"# "+long+"\n\n"+long+"\n\n`"+long+"`\n\n```\n"+long+"\n```\n",
			"# T\n\n"+cjk+"\n\n"+marks+"\n",
			"# T\n\n|"+strings.Repeat(" c |", 200)+"\n|"+strings.Repeat("---|", 200)+"\n|"+strings.Repeat(" x |", 200)+"\n",
			"# T\n\n9223372036854775807. big\n\n0. zero\n\n",
			"# T\n\nA[^a] B[^missing] C[^a].\n\n[^a]: see[^a]\n",
			"#\n\n##\n\n######\n\n>\n\n-\n\n---\n",
			"# T\n\n[link]("+"http://x.example/"+long+")\n",
		)
	case "html":
		out = append(out,
			"<h1>"+long+"</h1><p>"+long+"</p><pre>"+long+"</pre><p><code>"+long+"</code></p>",
			"<p>"+cjk+"</p><p>"+marks+"</p>",
			`<table><tr><td colspan="1000000" rowspan="1000000">x</td><td>y</td></tr><tr><td>z</td></tr></table>`,
			"<table><tr>"+strings.Repeat("<td>cell</td>", 300)+"</tr></table>",
			`<table><tr><td><table><tr><td><table><tr><td>deep</td></tr></table></td></tr></table></td></tr></table>`,
			`<ol start="9223372036854775807"><li>a</li><li>b</li></ol><ol start="-5" reversed><li>c</li></ol><ol start="x"><li>d</li></ol>`,
			`<h1></h1><p></p><ul><li></li></ul><blockquote></blockquote><table></table><figure></figure>`,
			`<p dir="rtl">עברית <span dir="ltr">ltr</span> עוד</p><h6>h6</h6><h7>h7</h7>`,
			`<p>a<sup><a href="#n" id="r">1</a></sup><sup><a href="#n">1</a></sup><sup><a href="#nope">2</a></sup></p><ol><li id="n">note <a href="#r">back</a></li></ol>`,
		)
	}
	return out
}

// imageURIs are small images as data: URIs, one per colour model.
func imageURIs() []string {
	rect := image.Rect(0, 0, 3, 2)
	pal := image.NewPaletted(rect, color.Palette{color.Transparent, color.RGBA{200, 0, 0, 255}})
	pal.SetColorIndex(1, 1, 1)
	imgs := map[string]image.Image{
		"gray":   image.NewGray(rect),
		"gray16": image.NewGray16(rect),
		"nrgba":  image.NewNRGBA(rect),
		"rgba64": image.NewRGBA64(rect),
		"pal":    pal,
		"cmyk":   image.NewCMYK(rect),
	}
	var uris []string
	add := func(mime string, data []byte) {
		uris = append(uris, "data:"+mime+";base64,"+base64.StdEncoding.EncodeToString(data))
	}
	for _, name := range []string{"gray", "gray16", "nrgba", "rgba64", "pal"} {
		var b bytes.Buffer
		png.Encode(&b, imgs[name])
		add("image/png", b.Bytes())
	}
	for _, name := range []string{"gray", "cmyk", "nrgba"} {
		var b bytes.Buffer
		jpeg.Encode(&b, imgs[name], nil)
		add("image/jpeg", b.Bytes())
	}
	var b bytes.Buffer
	gif.Encode(&b, pal, nil)
	add("image/gif", b.Bytes())
	return uris
}
