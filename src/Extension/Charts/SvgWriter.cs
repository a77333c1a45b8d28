using System.Text;

namespace NotebookRnn.Notebook.Charts;

/// <summary>
/// Appends SVG elements with fixed one-decimal coordinates and escaped text, so that the same drawing always gives the
/// same bytes. Shared by the charts and the unroll graph.
/// </summary>
internal sealed class SvgWriter
{
    /// <summary>The font size of text drawn without one, set once on the root element.</summary>
    public const double DefaultFontSize = 11;

    private readonly StringBuilder _svg = new();

    /// <summary>Opens the root element with a white background.</summary>
    public SvgWriter(double width, double height, string cssClass)
    {
        _svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"").Append(cssClass).Append("\" width=\"").Append(C(width))
            .Append("\" height=\"").Append(C(height)).Append("\" viewBox=\"0 0 ").Append(C(width)).Append(' ').Append(C(height))
            .Append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"").Append(C(DefaultFontSize)).Append("\">\n");
        Rect(0, 0, width, height, "#ffffff", null, "nbrnn-background");
    }

    /// <summary>Opens a group, optionally moved down by <paramref name="top"/> and with a class and data-name.</summary>
    public void BeginGroup(string cssClass, string? name = null, double top = 0)
    {
        _svg.Append("<g class=\"").Append(cssClass).Append('"');
        if (name is not null) _svg.Append(" data-name=\"").Append(Html.Escape(name)).Append('"');
        if (top != 0) _svg.Append(" transform=\"translate(0,").Append(C(top)).Append(")\"");
        _svg.Append(">\n");
    }

    /// <summary>Closes the innermost group.</summary>
    public void EndGroup() => _svg.Append("</g>\n");

    /// <summary>A rectangle; <paramref name="stroke"/> null for none; optional dash pattern and corner radius.</summary>
    public void Rect(double x, double y, double width, double height, string fill, string? stroke, string? cssClass = null,
        string? dash = null, double radius = 0, string? title = null)
    {
        _svg.Append("<rect");
        Class(cssClass);
        _svg.Append(" x=\"").Append(C(x)).Append("\" y=\"").Append(C(y)).Append("\" width=\"").Append(C(Math.Max(0, width)))
            .Append("\" height=\"").Append(C(Math.Max(0, height))).Append("\" fill=\"").Append(fill).Append('"');
        if (radius > 0) _svg.Append(" rx=\"").Append(C(radius)).Append('"');
        Stroke(stroke, dash);
        Close(title);
    }

    /// <summary>A straight line.</summary>
    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null,
        string? cssClass = null, bool arrow = false)
    {
        _svg.Append("<line");
        Class(cssClass);
        _svg.Append(" x1=\"").Append(C(x1)).Append("\" y1=\"").Append(C(y1)).Append("\" x2=\"").Append(C(x2)).Append("\" y2=\"")
            .Append(C(y2)).Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(C(width)).Append('"');
        if (dash is not null) _svg.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        if (arrow) _svg.Append(" marker-end=\"url(#nbrnn-arrow)\"");
        _svg.Append("/>\n");
    }

    /// <summary>A polyline through the points.</summary>
    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.5, string? dash = null,
        string? cssClass = null)
    {
        _svg.Append("<polyline");
        Class(cssClass);
        _svg.Append(" fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(C(width)).Append('"');
        if (dash is not null) _svg.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        _svg.Append(" points=\"").AppendJoin(' ', points.Select(p => C(p.X) + "," + C(p.Y))).Append("\"/>\n");
    }

    /// <summary>A path with the given data, no fill; optional dash pattern.</summary>
    public void Path(string data, string stroke, double width = 1.2, bool arrow = false, string? cssClass = null, string? dash = null)
    {
        _svg.Append("<path");
        Class(cssClass);
        _svg.Append(" d=\"").Append(data).Append("\" fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"")
            .Append(C(width)).Append('"');
        if (dash is not null) _svg.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        if (arrow) _svg.Append(" marker-end=\"url(#nbrnn-arrow)\"");
        _svg.Append("/>\n");
    }

    /// <summary>A circle.</summary>
    public void Circle(double x, double y, double radius, string fill)
    {
        _svg.Append("<circle cx=\"").Append(C(x)).Append("\" cy=\"").Append(C(y)).Append("\" r=\"").Append(C(radius))
            .Append("\" fill=\"").Append(fill).Append("\"/>\n");
    }

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end; optional rotation about the anchor point.</summary>
    public void Text(double x, double y, string text, string anchor = "start", double size = DefaultFontSize, string fill = Palette.Ink,
        bool bold = false, double rotate = 0, string? cssClass = null)
    {
        _svg.Append("<text");
        Class(cssClass);
        _svg.Append(" x=\"").Append(C(x)).Append("\" y=\"").Append(C(y)).Append('"');
        if (anchor != "start") _svg.Append(" text-anchor=\"").Append(anchor).Append('"');
        if (size != DefaultFontSize) _svg.Append(" font-size=\"").Append(C(size)).Append('"');
        _svg.Append(" fill=\"").Append(fill).Append('"');
        if (bold) _svg.Append(" font-weight=\"bold\"");
        if (rotate != 0) _svg.Append(" transform=\"rotate(").Append(C(rotate)).Append(' ').Append(C(x)).Append(' ').Append(C(y)).Append(")\"");
        _svg.Append('>').Append(Html.Escape(text)).Append("</text>\n");
    }

    /// <summary>Defines the arrow head used by <c>arrow: true</c> lines and paths.</summary>
    public void ArrowMarker(string color)
    {
        _svg.Append("<defs><marker id=\"nbrnn-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"").Append(color).Append("\"/></marker></defs>\n");
    }

    /// <summary>Closes the root element and returns the document.</summary>
    public string Finish() => _svg.Append("</svg>").ToString();

    /// <summary>A coordinate as SVG text.</summary>
    public static string C(double value) => Format.Coordinate(value);

    private void Class(string? cssClass)
    {
        if (cssClass is not null) _svg.Append(" class=\"").Append(cssClass).Append('"');
    }

    private void Stroke(string? stroke, string? dash)
    {
        if (stroke is null) return;
        _svg.Append(" stroke=\"").Append(stroke).Append('"');
        if (dash is not null) _svg.Append(" stroke-dasharray=\"").Append(dash).Append('"');
    }

    private void Close(string? title)
    {
        if (title is null) _svg.Append("/>\n");
        else _svg.Append("><title>").Append(Html.Escape(title)).Append("</title></rect>\n");
    }
}
