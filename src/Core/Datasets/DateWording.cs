namespace NotebookRnn.Datasets;

/// <summary>
/// How <see cref="DateTranslation"/> writes a date in words; each example is 3 March 1997. Two-digit years stand for
/// 1950–2049 (97 is 1997, 05 is 2005), the range the task draws from.
/// </summary>
public enum DateWording
{
    /// <summary><c>the third of March, 1997</c>: the day as an ordinal word.</summary>
    OrdinalWordOfMonth,

    /// <summary><c>March 3rd 1997</c>: the day as an ordinal number.</summary>
    MonthOrdinalNumber,

    /// <summary><c>3 march 97</c>: lower case, a two-digit year.</summary>
    DayMonthShortYear,

    /// <summary><c>March 3, 1997</c>.</summary>
    MonthDayYear,

    /// <summary><c>3 Mar 1997</c>: the month's three-letter abbreviation.</summary>
    DayAbbreviatedMonth,

    /// <summary><c>Monday, March 3, 1997</c>: with the day of the week, which the translation ignores.</summary>
    WeekdayMonthDayYear,
}
