using System.Globalization;
using System.Text;

namespace NotebookRnn.Persistence;

/// <summary>
/// A file name with Keras (Python <c>str.format</c>) placeholders, as ModelCheckpoint takes it:
/// <c>{name}</c> or <c>{name:spec}</c> with spec <c>[0][width][.precision][d|f|e]</c>, e.g. <c>{epoch:02d}</c> → <c>07</c>,
/// <c>{val_loss:.2f}</c> → <c>0.31</c>, <c>{loss:.3e}</c> → <c>3.142e-01</c>; <c>{{</c> and <c>}}</c> are literal braces.
/// Without a type, integral values print as integers and others in their shortest round-trip form.
/// </summary>
internal sealed class FilePathTemplate
{
    private readonly List<(string? Literal, string Field, Spec Format)> _parts = [];

    /// <summary>The formatting of one placeholder.</summary>
    private readonly record struct Spec(bool ZeroPad, int Width, int? Precision, char Type);

    /// <summary>Parses <paramref name="template"/>.</summary>
    /// <exception cref="ArgumentException">A brace is unbalanced, a placeholder has no name, or its spec is not understood.</exception>
    public FilePathTemplate(string template, string argumentName)
    {
        Text = template;
        var literal = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                literal.Append(c);
                i++;
            }
            else if (c == '{')
            {
                int close = template.IndexOf('}', i + 1);
                if (close < 0) throw new ArgumentException($"\"{template}\" has a '{{' at position {i} without a closing '}}'; write '{{{{' for a literal brace.", argumentName);
                FlushLiteral(literal);
                var (field, format) = ParseField(template, template[(i + 1)..close], argumentName);
                _parts.Add((null, field, format));
                i = close;
            }
            else if (c == '}') throw new ArgumentException($"\"{template}\" has a '}}' at position {i} without an opening '{{'; write '}}}}' for a literal brace.", argumentName);
            else literal.Append(c);
        }
        FlushLiteral(literal);
    }

    /// <summary>The template as given.</summary>
    public string Text { get; }

    /// <summary>The placeholder names, in order.</summary>
    public IEnumerable<string> Fields => _parts.Where(p => p.Literal is null).Select(p => p.Field);

    /// <summary>The file name with every placeholder replaced by its value.</summary>
    /// <exception cref="KeyNotFoundException">A placeholder has no value; the message names it and the values there are.</exception>
    /// <exception cref="FormatException">A <c>d</c> placeholder got a value that is not an integer.</exception>
    public string Format(IReadOnlyDictionary<string, double> values)
    {
        var text = new StringBuilder();
        foreach (var (literal, field, spec) in _parts)
        {
            if (literal is not null)
            {
                text.Append(literal);
                continue;
            }
            if (!values.TryGetValue(field, out double value))
                throw new KeyNotFoundException($"\"{Text}\" has the placeholder {{{field}}}, but there is no value of that name; there are: " +
                    string.Join(", ", values.Keys.Order(StringComparer.Ordinal)) + ".");
            text.Append(Pad(Number(value, spec, field), spec));
        }
        return text.ToString();
    }

    private void FlushLiteral(StringBuilder literal)
    {
        if (literal.Length > 0) _parts.Add((literal.ToString(), "", default));
        literal.Clear();
    }

    private static (string Field, Spec Format) ParseField(string template, string body, string argumentName)
    {
        int colon = body.IndexOf(':');
        string name = colon < 0 ? body : body[..colon], spec = colon < 0 ? "" : body[(colon + 1)..];
        if (name.Length == 0) throw new ArgumentException($"\"{template}\" has an empty placeholder {{{body}}}; name a value, e.g. {{epoch}}.", argumentName);
        char type = spec.Length > 0 && spec[^1] is 'd' or 'f' or 'e' ? spec[^1] : '\0';
        string sizes = type == '\0' ? spec : spec[..^1];
        int dot = sizes.IndexOf('.');
        string width = dot < 0 ? sizes : sizes[..dot], precision = dot < 0 ? "" : sizes[(dot + 1)..];
        bool valid = width.All(char.IsAsciiDigit) && precision.All(char.IsAsciiDigit) && (dot < 0 || precision.Length > 0)
            && width.Length <= 3 && precision.Length <= 2 && !(type == 'd' && dot >= 0);
        if (!valid)
            throw new ArgumentException(
                $"\"{template}\": the format \"{spec}\" of {{{name}}} is not understood; expected [0][width][.precision][d|f|e], e.g. 02d or .4f.", argumentName);
        return (name, new Spec(width.StartsWith('0'), width.Length == 0 ? 0 : int.Parse(width, CultureInfo.InvariantCulture),
            precision.Length == 0 ? null : int.Parse(precision, CultureInfo.InvariantCulture), type));
    }

    private static string Number(double value, Spec spec, string field)
    {
        if (!double.IsFinite(value)) return double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        switch (spec.Type)
        {
            case 'd' when value != Math.Floor(value):
                throw new FormatException($"{{{field}:d}} needs an integer, got {value.ToString(CultureInfo.InvariantCulture)}; use a format such as .4f.");
            case 'd':
                return value.ToString("0", CultureInfo.InvariantCulture);
            case 'f':
                return value.ToString("F" + (spec.Precision ?? 6), CultureInfo.InvariantCulture);
            case 'e':
                return value.ToString("0." + new string('0', spec.Precision ?? 6) + "e+00", CultureInfo.InvariantCulture).Replace(".e", "e");
            default:
                return spec.Precision is int digits ? value.ToString("G" + Math.Max(1, digits), CultureInfo.InvariantCulture)
                    : value.ToString(value == Math.Floor(value) && Math.Abs(value) < 1e15 ? "0" : "R", CultureInfo.InvariantCulture);
        }
    }

    private static string Pad(string number, Spec spec)
    {
        if (number.Length >= spec.Width) return number;
        if (!spec.ZeroPad) return number.PadLeft(spec.Width);
        bool negative = number.StartsWith('-');
        return negative ? "-" + number[1..].PadLeft(spec.Width - 1, '0') : number.PadLeft(spec.Width, '0');
    }
}
