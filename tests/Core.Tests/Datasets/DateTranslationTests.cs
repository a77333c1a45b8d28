using System.Globalization;
using NotebookRnn.Datasets;

namespace NotebookRnn.Tests.Datasets;

public class DateTranslationTests
{
    private static readonly DateOnly March3 = new(1997, 3, 3);

    [Theory]
    [InlineData(DateWording.OrdinalWordOfMonth, "the third of March, 1997")]
    [InlineData(DateWording.MonthOrdinalNumber, "March 3rd 1997")]
    [InlineData(DateWording.DayMonthShortYear, "3 march 97")]
    [InlineData(DateWording.MonthDayYear, "March 3, 1997")]
    [InlineData(DateWording.DayAbbreviatedMonth, "3 Mar 1997")]
    [InlineData(DateWording.WeekdayMonthDayYear, "Monday, March 3, 1997")]
    public void Each_wording_writes_the_third_of_march_1997_as_people_do(DateWording wording, string expected) =>
        Assert.Equal(expected, DateTranslation.Write(March3, wording));

    [Theory]
    [InlineData(1, "1st", "first")]
    [InlineData(2, "2nd", "second")]
    [InlineData(11, "11th", "eleventh")]
    [InlineData(12, "12th", "twelfth")]
    [InlineData(13, "13th", "thirteenth")]
    [InlineData(21, "21st", "twenty-first")]
    [InlineData(22, "22nd", "twenty-second")]
    [InlineData(23, "23rd", "twenty-third")]
    [InlineData(30, "30th", "thirtieth")]
    [InlineData(31, "31st", "thirty-first")]
    public void Ordinal_days_take_the_english_suffix_and_word(int day, string number, string word)
    {
        var date = new DateOnly(2005, 1, day);
        Assert.Equal($"January {number} 2005", DateTranslation.Write(date, DateWording.MonthOrdinalNumber));
        Assert.Equal($"the {word} of January, 2005", DateTranslation.Write(date, DateWording.OrdinalWordOfMonth));
        Assert.Equal($"{day} january 05", DateTranslation.Write(date, DateWording.DayMonthShortYear));
    }

    [Fact]
    public void Every_pair_reads_back_to_the_date_of_its_iso_target()
    {
        var (training, heldOut) = DateTranslation.Generate(training: 3000, heldOut: 500, seed: 1);
        foreach (TranslationPair pair in training.Concat(heldOut))
        {
            DateOnly date = DateOnly.ParseExact(pair.Target, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(date, WordedDate.Read(pair.Source));
            Assert.InRange(date, DateTranslation.FirstDate, DateTranslation.LastDate);
        }
    }

    [Fact]
    public void Every_date_of_the_range_in_every_wording_reads_back_to_itself()
    {
        for (DateOnly date = DateTranslation.FirstDate; date <= DateTranslation.LastDate; date = date.AddDays(1))
            foreach (DateWording wording in Enum.GetValues<DateWording>())
                Assert.Equal(date, WordedDate.Read(DateTranslation.Write(date, wording)));
    }

    [Fact]
    public void Wordings_and_years_are_drawn_uniformly()
    {
        var (pairs, _) = DateTranslation.Generate(training: 12_000, heldOut: 0, seed: 2);
        var wordings = pairs.GroupBy(p => WordedDate.WordingOf(p.Source)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, wordings.Count);
        Assert.All(wordings.Values, count => Assert.InRange(count, 2000 * 0.9, 2000 * 1.1));
        double meanYear = pairs.Average(p => int.Parse(p.Target[..4], CultureInfo.InvariantCulture));
        Assert.InRange(meanYear, 1999.5 - 1, 1999.5 + 1);
    }

    [Fact]
    public void Held_out_dates_never_occur_in_training_and_no_source_repeats()
    {
        var (training, heldOut) = DateTranslation.Generate(training: 5000, heldOut: 1000, seed: 3);
        Assert.Equal(5000, training.Length);
        Assert.Equal(1000, heldOut.Length);
        var trainingDates = training.Select(p => p.Target).ToHashSet();
        Assert.DoesNotContain(heldOut, p => trainingDates.Contains(p.Target));
        Assert.Equal(5000, training.Select(p => p.Source).Distinct().Count());
        Assert.Equal(1000, heldOut.Select(p => p.Source).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_pairs_and_another_seed_others()
    {
        var a = DateTranslation.Generate(200, 50, seed: 7);
        var b = DateTranslation.Generate(200, 50, seed: 7);
        var c = DateTranslation.Generate(200, 50, seed: 8);
        Assert.Equal(a.Training, b.Training);
        Assert.Equal(a.HeldOut, b.HeldOut);
        Assert.NotEqual(a.Training, c.Training);
    }

    [Fact]
    public void More_pairs_than_the_range_has_days_are_refused_with_the_limit()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DateTranslation.Generate(30_000, 10_000, seed: 1));
        Assert.Equal("heldOut", error.ParamName);
        Assert.Contains("training + heldOut ≤ 36,525", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DateTranslation.Write(new DateOnly(2050, 1, 1), DateWording.MonthDayYear));
    }

    [Fact]
    public void The_task_encoding_covers_every_wording_with_digits_dash_start_and_end_as_targets()
    {
        CharacterTranslation encoding = DateTranslation.Encoding;
        Assert.Equal("\t\n-0123456789", new string([.. encoding.TargetVocabulary.Characters]));
        Assert.Equal(10, encoding.MaxTargetLength);
        Assert.Equal("the twenty-seventh of September, 1997".Length, encoding.MaxSourceLength);
        Assert.Equal(' ', encoding.SourceVocabulary.Characters[0]);
    }

    // An independent reader of the worded dates: it knows month names and ordinals, not the generator's templates.
    private static class WordedDate
    {
        private static readonly string[] Ordinals =
        [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
            "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
        ];

        public static DateOnly Read(string text)
        {
            string[] words = text.Replace(",", "").Split(' ');
            int? day = null, month = null, year = null;
            foreach (string word in words.Where(w => w != "the" && w != "of"))
            {
                if (Month(word) is int m) month = m;
                else if (Enum.GetNames<DayOfWeek>().Contains(word)) continue;
                else if (word.Length == 4 && int.TryParse(word, out int y)) year = y;
                else if (word.Length == 2 && int.TryParse(word, out int yy) && day is not null) year = yy >= 50 ? 1900 + yy : 2000 + yy;
                else day = Day(word);
            }
            Assert.True(year is not null && month is not null && day is not null, $"cannot read \"{text}\"");
            var date = new DateOnly(year!.Value, month!.Value, day!.Value);
            if (words.FirstOrDefault(Enum.GetNames<DayOfWeek>().Contains) is string weekday)
                Assert.Equal(Enum.Parse<DayOfWeek>(weekday), date.DayOfWeek);
            return date;
        }

        public static string WordingOf(string text) => text.StartsWith("the ") ? "word" : char.IsDigit(text[0])
            ? (text.Split(' ')[^1].Length == 2 ? "short year" : "abbreviated")
            : text.Contains(',') ? (text.Split(' ')[0].EndsWith(',') ? "weekday" : "month day year") : "ordinal number";

        private static int? Month(string word)
        {
            for (int m = 1; m <= 12; m++)
            {
                string name = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m);
                if (word.Equals(name, StringComparison.OrdinalIgnoreCase) || word == name[..3]) return m;
            }
            return null;
        }

        private static int Day(string word)
        {
            string digits = word.TrimEnd('s', 't', 'n', 'd', 'r', 'h');
            if (int.TryParse(digits, out int day) && digits.Length > 0)
            {
                if (digits.Length < word.Length) Assert.Equal(Suffix(day), word[digits.Length..]);
                return day;
            }
            string[] parts = word.Split('-');
            int tens = parts.Length == 2 ? (parts[0] == "twenty" ? 20 : 30) : 0;
            string unit = parts[^1];
            if (unit == "thirtieth") return 30;
            int index = Array.IndexOf(Ordinals, unit);
            Assert.True(index >= 0, $"'{word}' is not an ordinal day");
            return tens + index + 1;
        }

        private static string Suffix(int day) => day is >= 11 and <= 13 ? "th" : (day % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
    }
}
