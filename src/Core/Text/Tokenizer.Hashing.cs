using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace NotebookRnn.Text;

public sealed partial class Tokenizer
{
    /// <summary>
    /// Encodes a text as word indices in <c>[1, n − 1]</c> by hashing, as Keras's <c>one_hot</c>:
    /// <c>HashingTrick(text, n, "hash", …)</c>. Two words may share an index; the indices change from one process
    /// to the next (see <see cref="HashingTrick(string, int, string, string, bool, string, Func{string, IEnumerable{string}})"/>).
    /// </summary>
    /// <inheritdoc cref="HashingTrick(string, int, string, string, bool, string, Func{string, IEnumerable{string}})"/>
    public static int[] OneHot(string text, int n, string filters = DefaultFilters, bool lower = true, string split = " ",
        Func<string, IEnumerable<string>>? analyzer = null) =>
        HashingTrick(text, n, "hash", filters, lower, split, analyzer);

    /// <summary>
    /// Converts a text to indices in a hashing space of size <paramref name="n"/>, as Keras's <c>hashing_trick</c>:
    /// each word w becomes <c>hash(w) mod (n − 1) + 1</c> (mod non-negative, as Python's <c>%</c>), so 0 stays reserved.
    /// </summary>
    /// <param name="text">The text, split by <see cref="TextToWordSequence"/> or <paramref name="analyzer"/>.</param>
    /// <param name="n">Size of the hashing space; indices are 1 … n − 1.</param>
    /// <param name="hashFunction">
    /// <c>"hash"</c> (default): .NET's string hash, like Python's <c>hash</c> randomized per process, so indices are
    /// stable within a process only. <c>"md5"</c>: the MD5 digest of the word's UTF-8 bytes read as a big-endian
    /// unsigned integer, stable everywhere and equal to Keras's.
    /// </param>
    /// <param name="filters">Characters replaced by <paramref name="split"/>; default <see cref="DefaultFilters"/>.</param>
    /// <param name="lower">Lowercase first; default true.</param>
    /// <param name="split">Word separator; default one space.</param>
    /// <param name="analyzer">Splits the text instead of <see cref="TextToWordSequence"/> (gets the text as given); default <c>null</c>.</param>
    /// <returns>One index per word, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 2 (Keras divides by n − 1).</exception>
    /// <exception cref="ArgumentException"><paramref name="hashFunction"/> is neither <c>"hash"</c> nor <c>"md5"</c>.</exception>
    public static int[] HashingTrick(string text, int n, string hashFunction = "hash", string filters = DefaultFilters,
        bool lower = true, string split = " ", Func<string, IEnumerable<string>>? analyzer = null)
    {
        Func<string, BigInteger> hash = hashFunction switch
        {
            "hash" => word => word.GetHashCode(),
            "md5" => word => new BigInteger(MD5.HashData(Encoding.UTF8.GetBytes(word)), isUnsigned: true, isBigEndian: true),
            _ => throw new ArgumentException(
                $"Unknown hash function \"{hashFunction}\": expected \"hash\" or \"md5\", or pass a function.", nameof(hashFunction)),
        };
        return HashWords(text, n, hash, filters, lower, split, analyzer);
    }

    /// <summary>Converts a text to indices <c>hashFunction(w) mod (n − 1) + 1</c> with a hash function of your own.</summary>
    /// <inheritdoc cref="HashingTrick(string, int, string, string, bool, string, Func{string, IEnumerable{string}})"/>
    public static int[] HashingTrick(string text, int n, Func<string, long> hashFunction, string filters = DefaultFilters,
        bool lower = true, string split = " ", Func<string, IEnumerable<string>>? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(hashFunction);
        return HashWords(text, n, word => hashFunction(word), filters, lower, split, analyzer);
    }

    private static int[] HashWords(string text, int n, Func<string, BigInteger> hash, string filters, bool lower, string split,
        Func<string, IEnumerable<string>>? analyzer)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (n < 2)
            throw new ArgumentOutOfRangeException(nameof(n), n, "Expected n ≥ 2: indices are 1 … n − 1, 0 is reserved.");
        IEnumerable<string> words = analyzer is null
            ? TextToWordSequence(text, filters, lower, split)
            : analyzer(text) ?? throw new InvalidOperationException("The analyzer returned null; expected a sequence of tokens.");
        return words.Select(word =>
        {
            BigInteger remainder = BigInteger.Remainder(hash(word), n - 1);
            return (int)(remainder.Sign < 0 ? remainder + (n - 1) : remainder) + 1;
        }).ToArray();
    }
}
