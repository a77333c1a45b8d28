using System.Globalization;
using NotebookRnn.Tensors;

namespace NotebookRnn.Datasets;

/// <summary>
/// A translation task for encoder–decoder models (the "date translation" of Coursera's sequence-models course, in
/// Keras's <c>lstm_seq2seq</c> setting): a date written in words in one of the <see cref="DateWording"/>s →
/// its ISO form, <c>"the third of March, 1997"</c> → <c>"1997-03-03"</c>. Dates are drawn uniformly from
/// <see cref="FirstDate"/>–<see cref="LastDate"/> and wordings uniformly; everything is generated here from a seed,
/// nothing is downloaded. <see cref="Encoding"/> holds the character vocabularies and one-hot encodings.
/// </summary>
public static class DateTranslation
{
    /// <summary>The first date drawn: 1 January 1950.</summary>
    public static readonly DateOnly FirstDate = new(1950, 1, 1);

    /// <summary>The last date drawn: 31 December 2049.</summary>
    public static readonly DateOnly LastDate = new(2049, 12, 31);

    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    private static readonly string[] OrdinalWords =
    [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
        "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth",
        "twenty-ninth", "thirtieth", "thirty-first",
    ];

    private static readonly Lazy<CharacterTranslation> TaskEncoding = new(() =>
        CharacterTranslation.FromPairs(AllDates().SelectMany(date => Enum.GetValues<DateWording>().Select(w => Pair(date, w)))));

    /// <summary>
    /// The task's encoding: the source vocabulary covers every character any wording of any date in the range uses
    /// (so any such date can be encoded, not only the sampled ones), the target one <c>-</c>, the digits and the
    /// start and end tokens; sources are padded to the longest wording, <c>"the twenty-seventh of September, 1997"</c>.
    /// </summary>
    public static CharacterTranslation Encoding => TaskEncoding.Value;

    /// <summary>Writes <paramref name="date"/> in <paramref name="wording"/>, e.g. <c>"3 march 97"</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside <see cref="FirstDate"/>–<see cref="LastDate"/> (a two-digit year would be ambiguous), or the wording is not a <see cref="DateWording"/>.</exception>
    public static string Write(DateOnly date, DateWording wording)
    {
        if (date < FirstDate || date > LastDate)
            throw new ArgumentOutOfRangeException(nameof(date), date, $"Expected a date from {Iso(FirstDate)} to {Iso(LastDate)}.");
        string month = Months[date.Month - 1];
        return wording switch
        {
            DateWording.OrdinalWordOfMonth => $"the {OrdinalWords[date.Day - 1]} of {month}, {date.Year}",
            DateWording.MonthOrdinalNumber => $"{month} {date.Day}{OrdinalSuffix(date.Day)} {date.Year}",
            DateWording.DayMonthShortYear => $"{date.Day} {month.ToLowerInvariant()} {date.Year % 100:00}",
            DateWording.MonthDayYear => $"{month} {date.Day}, {date.Year}",
            DateWording.DayAbbreviatedMonth => $"{date.Day} {month[..3]} {date.Year}",
            DateWording.WeekdayMonthDayYear => $"{date.DayOfWeek}, {month} {date.Day}, {date.Year}",
            _ => throw new ArgumentOutOfRangeException(nameof(wording), wording, "Expected a DateWording."),
        };
    }

    /// <summary>The ISO 8601 form of <paramref name="date"/>, <c>yyyy-MM-dd</c>: the translation's target.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The pair of <paramref name="date"/> in <paramref name="wording"/> and its ISO form.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Write"/>.</exception>
    public static TranslationPair Pair(DateOnly date, DateWording wording) => new(Write(date, wording), Iso(date));

    /// <summary>
    /// Distinct pairs for training and held-out pairs whose dates never occur in the training pairs, in any wording:
    /// a held-out exact match is a translation of a date the model has not seen.
    /// </summary>
    /// <param name="training">Training pairs (≥ 0); no source repeats.</param>
    /// <param name="heldOut">Held-out pairs (≥ 0); no source repeats, no date is a training one.</param>
    /// <param name="seed">Seed; the same seed and sizes give the same pairs.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or the two together ask for more than the range holds.</exception>
    public static (TranslationPair[] Training, TranslationPair[] HeldOut) Generate(int training, int heldOut, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(training);
        ArgumentOutOfRangeException.ThrowIfNegative(heldOut);
        int days = LastDate.DayNumber - FirstDate.DayNumber + 1, wordings = Enum.GetValues<DateWording>().Length;
        // Training draws use at most `training` dates; held-out ones need dates of their own, at most one per pair.
        if ((long)training + heldOut > days)
            throw new ArgumentOutOfRangeException(nameof(heldOut), heldOut,
                $"Expected training + heldOut ≤ {days:N0} (the days from {Iso(FirstDate)} to {Iso(LastDate)}), got {training + heldOut:N0}.");
        var random = new RandomGenerator(seed);
        var trainingDates = new HashSet<DateOnly>();
        TranslationPair[] trainingPairs = Draw(training, random, wordings, date => { trainingDates.Add(date); return true; });
        TranslationPair[] heldOutPairs = Draw(heldOut, random, wordings, date => !trainingDates.Contains(date));
        return (trainingPairs, heldOutPairs);
    }

    // Distinct pairs of uniform dates and wordings, each date accepted by `take` before it is used.
    private static TranslationPair[] Draw(int count, RandomGenerator random, int wordings, Func<DateOnly, bool> take)
    {
        var pairs = new TranslationPair[count];
        var sources = new HashSet<string>();
        int days = LastDate.DayNumber - FirstDate.DayNumber + 1;
        for (int i = 0; i < count;)
        {
            DateOnly date = DateOnly.FromDayNumber(FirstDate.DayNumber + random.NextInt(days));
            var wording = (DateWording)random.NextInt(wordings);
            TranslationPair pair = Pair(date, wording);
            if (sources.Contains(pair.Source) || !take(date)) continue;
            sources.Add(pair.Source);
            pairs[i++] = pair;
        }
        return pairs;
    }

    private static IEnumerable<DateOnly> AllDates()
    {
        for (int day = FirstDate.DayNumber; day <= LastDate.DayNumber; day++) yield return DateOnly.FromDayNumber(day);
    }

    private static string OrdinalSuffix(int day) => (day % 10, day / 10) switch
    {
        (_, 1) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
}
