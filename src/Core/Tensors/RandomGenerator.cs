using System.Runtime.CompilerServices;

namespace NotebookRnn.Tensors;

/// <summary>
/// A seeded pseudo-random generator (xoshiro256** seeded through SplitMix64). Unlike <see cref="Random"/>, its
/// sequence is fixed by this library, so a seed gives the same weights and curves on every .NET version.
/// </summary>
public sealed class RandomGenerator
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    /// <summary>Creates a generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
    public RandomGenerator(long seed)
    {
        ulong state = unchecked((ulong)seed);
        _s0 = SplitMix(ref state);
        _s1 = SplitMix(ref state);
        _s2 = SplitMix(ref state);
        _s3 = SplitMix(ref state);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Expected a positive bound.");
        ulong bound = (ulong)maxExclusive;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            if (r >= threshold) return (int)(r % bound);
        }
    }

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    /// <summary>A standard normal sample (Box–Muller, polar form).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is double spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        return u * factor;
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>
    /// Fills <paramref name="factors"/> with inverted-dropout factors, one draw each in order: 0 with probability
    /// <paramref name="rate"/>, else 1 / (1 − rate).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void FillDropMask(Span<float> factors, double rate)
    {
        float keep = (float)(1 / (1 - rate));
        for (int i = 0; i < factors.Length; i++) factors[i] = NextDouble() < rate ? 0 : keep;
    }

    /// <summary>A new generator whose sequence is independent of this one's later draws.</summary>
    public RandomGenerator Split() => new(unchecked((long)NextUInt64()));

    private static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
