// Command offprint turns an article (scraped text, Markdown or HTML) into a
// print-ready PDF and an EPUB. This file is only the command line: flags
// become options, and the work is done in render/.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/export"

	// Readers and renderers register themselves; main only names them.
	_ "github.com/offprint/offprint/render/epub"
	_ "github.com/offprint/offprint/render/pdf"
	_ "github.com/offprint/offprint/render/read/html"
	_ "github.com/offprint/offprint/render/read/markdown"
	_ "github.com/offprint/offprint/render/read/text"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit statuses: the contract release pipelines rely on.
const (
	exitOK       = 0
	exitFailed   = 1 // some input failed; the others were written
	exitUsage    = 2
	exitWarnings = 3 // warnings, and --strict was given
)

func main() {
	os.Exit(run(context.Background(), os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// usageError marks mistakes in the command line itself.
type usageError struct{ error }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	status := exitOK
	app := &cli.Command{
		Name:    "offprint",
		Usage:   "turn an article into a print-ready PDF and an EPUB",
		Version: version,
		Writer:  stdout, ErrWriter: stderr,
		EnableShellCompletion: true,
		HideHelpCommand:       true,
		ExitErrHandler:        func(context.Context, *cli.Command, error) {},
		OnUsageError:          onUsageError,
		Commands: []*cli.Command{
			exportCommand(stdin, stderr, &status),
			inspectCommand(stdin, stdout, stderr),
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() > 0 {
				return usageError{fmt.Errorf("unknown command %q (try: offprint export FILE)", cmd.Args().First())}
			}
			return cli.ShowRootCommandHelp(cmd)
		},
	}
	err := app.Run(ctx, args)
	if err == nil {
		return status
	}
	var ue usageError
	if errors.As(err, &ue) || isFlagError(err) {
		fmt.Fprintf(stderr, "offprint: %v\n", firstLine(err))
		return exitUsage
	}
	fmt.Fprintf(stderr, "offprint: %v\n", firstLine(err))
	return exitFailed
}

func onUsageError(_ context.Context, _ *cli.Command, err error, _ bool) error {
	return usageError{err}
}

// isFlagError recognises urfave/cli's parse errors, which do not all pass
// through OnUsageError.
func isFlagError(err error) bool {
	msg := err.Error()
	for _, s := range []string{"flag provided but not defined", "flag needs an argument", "invalid value", "Required flag"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

func exportCommand(stdin io.Reader, stderr io.Writer, status *int) *cli.Command {
	return &cli.Command{
		Name:         "export",
		Usage:        "write a PDF and/or an EPUB for each input",
		ArgsUsage:    "FILE... (- reads standard input)",
		OnUsageError: onUsageError,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "pdf", Usage: "write a PDF", Sources: cli.EnvVars("OFFPRINT_PDF")},
			&cli.BoolFlag{Name: "epub", Usage: "write an EPUB", Sources: cli.EnvVars("OFFPRINT_EPUB")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: ".", Usage: "write outputs into `DIR`", Sources: cli.EnvVars("OFFPRINT_OUTPUT")},
			&cli.StringFlag{Name: "name", Usage: "output file `NAME` (without extension) for standard input"},
			&cli.StringFlag{Name: "page-size", Value: "a4", Usage: "PDF page size: a4, letter or a5", Sources: cli.EnvVars("OFFPRINT_PAGE_SIZE")},
			&cli.StringFlag{Name: "from", Usage: "input `FORMAT` (text, markdown or html), instead of detecting it", Sources: cli.EnvVars("OFFPRINT_FROM")},
			&cli.BoolFlag{Name: "fetch-images", Usage: "download remote images (off: they are left out with a warning)", Sources: cli.EnvVars("OFFPRINT_FETCH_IMAGES")},
			&cli.BoolFlag{Name: "no-extract", Usage: "keep a whole web page instead of extracting its article", Sources: cli.EnvVars("OFFPRINT_NO_EXTRACT")},
			&cli.StringFlag{Name: "lang", Usage: "document language (BCP 47) when the input declares none", Sources: cli.EnvVars("OFFPRINT_LANG")},
			&cli.BoolFlag{Name: "strict", Usage: "treat warnings as failures (exit status 3)", Sources: cli.EnvVars("OFFPRINT_STRICT")},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print errors only", Sources: cli.EnvVars("OFFPRINT_QUIET")},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			inputs := cmd.Args().Slice()
			if len(inputs) == 0 {
				return usageError{errors.New("export: no input file given (try: offprint export --pdf --epub -o out article.txt)")}
			}
			var formats []string
			for _, f := range []string{"pdf", "epub"} {
				if cmd.Bool(f) {
					formats = append(formats, f)
				}
			}
			if len(formats) == 0 {
				formats = []string{"pdf", "epub"}
			}
			for _, f := range formats {
				if _, ok := render.Lookup(f); !ok {
					return fmt.Errorf("this build of offprint has no %s renderer", f)
				}
			}
			switch ps := strings.ToLower(cmd.String("page-size")); ps {
			case "a4", "letter", "a5":
			default:
				return usageError{fmt.Errorf("--page-size %q: use a4, letter or a5", ps)}
			}
			if cmd.String("name") != "" && !contains(inputs, "-") {
				return usageError{errors.New("--name applies to standard input (-) only")}
			}
			out := cmd.String("output")
			if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
				if err := os.MkdirAll(out, 0o755); err != nil {
					return fmt.Errorf("output folder %s: %v", out, err)
				}
			}
			opt := export.Options{
				Formats: formats, OutDir: out, Name: cmd.String("name"),
				From: cmd.String("from"), Lang: cmd.String("lang"),
				PageSize: strings.ToLower(cmd.String("page-size")), Version: version,
				SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Stdin: stdin,
				FetchImages: cmd.Bool("fetch-images"), NoExtract: cmd.Bool("no-extract"),
				Strict: cmd.Bool("strict"),
			}
			quiet, strict := cmd.Bool("quiet"), cmd.Bool("strict")
			failed, warned := 0, 0
			for _, in := range inputs {
				res := export.File(in, opt)
				if !quiet || strict {
					for _, w := range res.Warnings {
						fmt.Fprintf(stderr, "offprint: warning: %s: %s\n", export.DisplayName(in), w.Message)
					}
				}
				warned += len(res.Warnings)
				if res.Err != nil {
					failed++
					fmt.Fprintf(stderr, "offprint: %s\n", res.Err)
					continue
				}
				if !quiet {
					for _, o := range res.Outputs {
						fmt.Fprintf(stderr, "offprint: wrote %s\n", o)
					}
				}
			}
			switch {
			case failed > 0:
				*status = exitFailed
			case strict && warned > 0:
				fmt.Fprintf(stderr, "offprint: %d warning(s) and --strict: failing\n", warned)
				*status = exitWarnings
			}
			return nil
		},
	}
}

func inspectCommand(stdin io.Reader, stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:         "inspect",
		Usage:        "print the document model of an input as JSON",
		ArgsUsage:    "FILE",
		OnUsageError: onUsageError,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "input `FORMAT` (text, markdown or html), instead of detecting it"},
			&cli.BoolFlag{Name: "no-extract", Usage: "keep a whole web page instead of extracting its article"},
			&cli.StringFlag{Name: "lang", Usage: "document language when the input declares none"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usageError{errors.New("inspect: give exactly one input file")}
			}
			in := cmd.Args().First()
			doc, warnings, err := export.Load(in, export.Options{
				From: cmd.String("from"), Lang: cmd.String("lang"), Stdin: stdin,
				NoExtract: cmd.Bool("no-extract"),
			})
			for _, w := range warnings {
				fmt.Fprintf(stderr, "offprint: warning: %s: %s\n", export.DisplayName(in), w.Message)
			}
			if err != nil {
				return err
			}
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			return enc.Encode(doc)
		},
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
