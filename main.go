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
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/urfave/cli/v3"

	"github.com/offprint/offprint/render"
	"github.com/offprint/offprint/render/export"

	// Readers and renderers register themselves; main only names them.
	_ "github.com/offprint/offprint/render/epub"
	_ "github.com/offprint/offprint/render/html"
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
	// exitInterrupted is the shell's own status for a command stopped by
	// SIGINT (128+2), so scripts see the run as interrupted, not failed.
	exitInterrupted = 130
)

func main() {
	// Ctrl-C (or a CI job's SIGTERM) stops a batch cleanly and at once:
	// no new input is started, renders in progress are abandoned, and
	// nothing half-written is left. A second Ctrl-C, while a file is
	// being written, kills the process outright.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
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
			manifestCommand(stderr),
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
		Usage:        "write a PDF, an EPUB and/or an HTML file for each input",
		ArgsUsage:    "FILE|FOLDER|PATTERN... (- reads standard input)",
		OnUsageError: onUsageError,
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "pdf", Usage: "write a PDF", Sources: cli.EnvVars("OFFPRINT_PDF")},
			&cli.BoolFlag{Name: "epub", Usage: "write an EPUB", Sources: cli.EnvVars("OFFPRINT_EPUB")},
			&cli.BoolFlag{Name: "html", Usage: "write one self-contained HTML file", Sources: cli.EnvVars("OFFPRINT_HTML")},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: ".", Usage: "write outputs into `DIR`", Sources: cli.EnvVars("OFFPRINT_OUTPUT")},
			&cli.StringFlag{Name: "name", Usage: "output file `NAME` (without extension) for standard input", Sources: cli.EnvVars("OFFPRINT_NAME")},
			&cli.StringFlag{Name: "page-size", Value: "a4", Usage: "PDF page size: a4, letter or a5", Sources: cli.EnvVars("OFFPRINT_PAGE_SIZE")},
			&cli.StringFlag{Name: "from", Usage: "input `FORMAT` (text, markdown or html), instead of detecting it", Sources: cli.EnvVars("OFFPRINT_FROM")},
			&cli.BoolFlag{Name: "fetch-images", Usage: "download remote images (off: they are left out with a warning)", Sources: cli.EnvVars("OFFPRINT_FETCH_IMAGES")},
			&cli.BoolFlag{Name: "no-extract", Usage: "keep a whole web page instead of extracting its article", Sources: cli.EnvVars("OFFPRINT_NO_EXTRACT")},
			&cli.StringFlag{Name: "lang", Usage: "document language (BCP 47) when the input declares none", Sources: cli.EnvVars("OFFPRINT_LANG")},
			&cli.BoolFlag{Name: "strict", Usage: "treat warnings as failures (exit status 3)", Sources: cli.EnvVars("OFFPRINT_STRICT")},
			&cli.StringFlag{Name: "cover", Usage: "use the PNG or JPEG `FILE` as the cover instead of drawing one", Sources: cli.EnvVars("OFFPRINT_COVER")},
			&cli.BoolFlag{Name: "pdf-cover", Usage: "start the PDF with the cover page", Sources: cli.EnvVars("OFFPRINT_PDF_COVER")},
			&cli.BoolFlag{Name: "epub-fonts", Usage: "embed the body fonts in the EPUB, cut down to the characters it uses (about 250 KB; off: readers use their own)", Sources: cli.EnvVars("OFFPRINT_EPUB_FONTS")},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print errors only", Sources: cli.EnvVars("OFFPRINT_QUIET")},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "export up to `N` inputs at once", Sources: cli.EnvVars("OFFPRINT_JOBS")},
			&cli.StringFlag{Name: "manifest", Usage: "write a JSON manifest of inputs and outputs to `FILE`", Sources: cli.EnvVars("OFFPRINT_MANIFEST")},
			&cli.StringFlag{Name: "shard", Usage: "export only slice `K/N` of the sorted inputs", Sources: cli.EnvVars("OFFPRINT_SHARD")},
			&cli.StringFlag{Name: "config", Usage: "read defaults from `FILE` (default: offprint.yaml beside the first input)", Sources: cli.EnvVars("OFFPRINT_CONFIG")},
			&cli.BoolFlag{Name: "verbose", Usage: "also explain what the readers dropped and why", Sources: cli.EnvVars("OFFPRINT_VERBOSE")},
		}, limitFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			return exportAction(ctx, cmd, stdin, stderr, status)
		},
	}
}

func inspectCommand(stdin io.Reader, stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:         "inspect",
		Usage:        "print the document model of an input as JSON",
		ArgsUsage:    "FILE",
		OnUsageError: onUsageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "input `FORMAT` (text, markdown or html), instead of detecting it", Sources: cli.EnvVars("OFFPRINT_FROM")},
			&cli.BoolFlag{Name: "no-extract", Usage: "keep a whole web page instead of extracting its article", Sources: cli.EnvVars("OFFPRINT_NO_EXTRACT")},
			&cli.StringFlag{Name: "lang", Usage: "document language when the input declares none", Sources: cli.EnvVars("OFFPRINT_LANG")},
			&cli.BoolFlag{Name: "verbose", Usage: "also explain what the reader dropped and why", Sources: cli.EnvVars("OFFPRINT_VERBOSE")},
		}, limitFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usageError{errors.New("inspect: give exactly one input file")}
			}
			in := cmd.Args().First()
			opt := export.Options{
				From: cmd.String("from"), Lang: cmd.String("lang"), Stdin: stdin,
				NoExtract: cmd.Bool("no-extract"),
			}
			if err := applyLimits(cmd, &opt); err != nil {
				return usageError{err}
			}
			doc, warnings, err := export.Load(in, opt)
			for _, w := range warnings {
				if !w.IsInfo() {
					fmt.Fprintf(stderr, "offprint: warning: %s: %s\n", export.DisplayName(in), oneLine(w.Message))
				} else if cmd.Bool("verbose") {
					fmt.Fprintf(stderr, "offprint: note: %s: %s\n", export.DisplayName(in), oneLine(w.Message))
				}
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

// exportAction is `offprint export`: expand the arguments into inputs,
// name their outputs, export them in parallel, report in input order.
func exportAction(ctx context.Context, cmd *cli.Command, stdin io.Reader, stderr io.Writer, status *int) error {
	args := cmd.Args().Slice()
	if len(args) == 0 {
		return usageError{errors.New("export: no input file given (try: offprint export --pdf --epub -o out article.txt)")}
	}
	if err := applyConfig(cmd, args); err != nil {
		return usageError{err}
	}
	var formats []string
	for _, f := range []string{"pdf", "epub", "html"} {
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
	if cmd.Int("jobs") < 1 {
		return usageError{fmt.Errorf("--jobs %d: give at least 1", cmd.Int("jobs"))}
	}
	inputs, err := export.Expand(args)
	if err != nil {
		return usageError{err}
	}
	if cmd.String("name") != "" && !contains(inputs, "-") {
		return usageError{errors.New("--name applies to standard input (-) only")}
	}
	// Names come from the whole batch, before sharding, so every shard
	// names a file as the unsharded run would.
	if m := cmd.String("manifest"); m != "" {
		for _, in := range inputs {
			if sameFile(in, m) {
				return usageError{fmt.Errorf("--manifest %s is one of the inputs", m)}
			}
		}
	}
	names := export.OutputNames(inputs)
	if s := cmd.String("shard"); s != "" {
		k, n, err := export.ParseShard(s)
		if err != nil {
			return usageError{err}
		}
		inputs = export.Shard(inputs, k, n)
	}
	out := cmd.String("output")
	if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return fmt.Errorf("output folder %s: %v", out, pathCause(err))
		}
	}
	opt := export.Options{
		Formats: formats, OutDir: out, Name: cmd.String("name"),
		From: cmd.String("from"), Lang: cmd.String("lang"),
		PageSize: strings.ToLower(cmd.String("page-size")), Version: version,
		SourceDateEpoch: os.Getenv("SOURCE_DATE_EPOCH"), Stdin: stdin,
		FetchImages: cmd.Bool("fetch-images"), NoExtract: cmd.Bool("no-extract"),
		Strict: cmd.Bool("strict"), PDFCover: cmd.Bool("pdf-cover"), EPUBFonts: cmd.Bool("epub-fonts"),
	}
	if err := applyLimits(cmd, &opt); err != nil {
		return usageError{err}
	}
	if c := cmd.String("cover"); c != "" {
		data, err := os.ReadFile(c)
		if err != nil {
			return fmt.Errorf("--cover %s: %v", c, pathCause(err))
		}
		opt.Cover = data
	}
	quiet, strict, verbose := cmd.Bool("quiet"), cmd.Bool("strict"), cmd.Bool("verbose")
	progress := !quiet && len(inputs) > 1 && isTerminal(stderr)
	failed, warned := 0, 0
	results := export.Batch(ctx, inputs, names, opt, int(cmd.Int("jobs")), func(i int, res export.Result) {
		if progress {
			fmt.Fprint(stderr, "\r\033[K") // clear the progress line before a message
		}
		if verbose && !quiet {
			for _, n := range res.Notes {
				fmt.Fprintf(stderr, "offprint: note: %s: %s\n", export.DisplayName(res.Input), oneLine(n.Message))
			}
		}
		if !quiet || strict {
			for _, w := range res.Warnings {
				fmt.Fprintf(stderr, "offprint: warning: %s: %s\n", export.DisplayName(res.Input), oneLine(w.Message))
			}
		}
		warned += len(res.Warnings)
		if res.Err != nil {
			failed++
			fmt.Fprintf(stderr, "offprint: %s\n", firstLine(res.Err))
		} else if !quiet {
			for _, o := range res.Outputs {
				fmt.Fprintf(stderr, "offprint: wrote %s\n", o)
			}
		}
		if progress && i+1 < len(inputs) {
			fmt.Fprintf(stderr, "offprint: %d/%d inputs done, %d failed", i+1, len(inputs), failed)
		}
	})
	if m := cmd.String("manifest"); m != "" {
		if err := export.NewManifest(version, results).RelativeTo(filepath.Dir(m)).Write(m); err != nil {
			fmt.Fprintf(stderr, "offprint: manifest: %v\n", err)
			failed++
		} else if !quiet {
			fmt.Fprintf(stderr, "offprint: wrote %s\n", m)
		}
	}
	switch {
	case ctx.Err() != nil:
		fmt.Fprintf(stderr, "offprint: interrupted: %d of %d input(s) not exported\n", failed, len(inputs))
		*status = exitInterrupted
	case failed > 0:
		*status = exitFailed
	case strict && warned > 0:
		fmt.Fprintf(stderr, "offprint: %d warning(s) and --strict: failing\n", warned)
		*status = exitWarnings
	}
	return nil
}

// isTerminal says whether w is a terminal, where a progress line that
// rewrites itself is welcome; in a CI log it would be noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func manifestCommand(stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:         "manifest",
		Usage:        "work with export manifests",
		OnUsageError: onUsageError,
		Commands: []*cli.Command{{
			Name:         "merge",
			Usage:        "merge the manifests of the shards of one batch",
			ArgsUsage:    "MANIFEST...",
			OnUsageError: onUsageError,
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the merged manifest to `FILE` (default: standard output)"},
			},
			Action: func(ctx context.Context, cmd *cli.Command) error {
				if cmd.Args().Len() == 0 {
					return usageError{errors.New("manifest merge: give the manifests to merge")}
				}
				var ms []*export.Manifest
				for _, p := range cmd.Args().Slice() {
					m, err := export.ReadManifest(p)
					if err != nil {
						return err
					}
					ms = append(ms, m)
				}
				m, err := export.Merge(ms)
				if err != nil {
					return err
				}
				if o := cmd.String("output"); o != "" {
					return m.Write(o)
				}
				data, err := m.Marshal()
				if err != nil {
					return err
				}
				_, err = cmd.Root().Writer.Write(data)
				return err
			},
		}},
	}
}

// applyConfig fills the flags that neither the command line nor the
// environment set from the project file, so the precedence is flag >
// OFFPRINT_* > offprint.yaml > built-in default. Its keys are the flag
// names; "formats" lists renderers. A key that is no flag is refused,
// since a misspelt setting silently ignored is worse than an error.
func applyConfig(cmd *cli.Command, args []string) error {
	path, err := export.FindConfig(cmd.String("config"), args)
	if err != nil || path == "" {
		return err
	}
	cfg, err := export.LoadConfig(path)
	if err != nil {
		return err
	}
	names := render.Names()
	explicitFormat := false
	for _, n := range names {
		explicitFormat = explicitFormat || cmd.IsSet(n)
	}
	for _, k := range cfg.Keys() {
		v := cfg[k]
		switch {
		case k == "formats":
			for _, f := range strings.Split(v, ",") {
				f = strings.TrimSpace(f)
				if !contains(names, f) {
					return fmt.Errorf("%s: formats: no renderer named %q (have %s)", path, f, strings.Join(names, ", "))
				}
				if !explicitFormat {
					if err := cmd.Set(f, "true"); err != nil {
						return fmt.Errorf("%s: formats: %v", path, err)
					}
				}
			}
		case k == "config" || k == "name" || k == "shard":
			return fmt.Errorf("%s: %s belongs on the command line, not in the project file", path, k)
		case !hasFlag(cmd, k):
			return fmt.Errorf("%s: unknown setting %q", path, k)
		case !cmd.IsSet(k):
			if err := cmd.Set(k, v); err != nil {
				return fmt.Errorf("%s: %s: %v", path, k, err)
			}
		}
	}
	return nil
}

func hasFlag(cmd *cli.Command, name string) bool {
	for _, f := range cmd.Flags {
		if contains(f.Names(), name) {
			return true
		}
	}
	return false
}

func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}
