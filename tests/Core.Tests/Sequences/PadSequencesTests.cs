using FsCheck;
using FsCheck.Fluent;
using NotebookRnn.Kernels;
using NotebookRnn.Layers;
using NotebookRnn.Sequences;
using NotebookRnn.Tensors;

namespace NotebookRnn.Tests.SequencesToolkit;

public class PadSequencesTests
{
    private static readonly int[][] KerasTokens = [[1], [1, 2], [1, 2, 3]];

    private static readonly float[][][] KerasVectors =
    [
        [[1, 1]],
        [[2, 1], [2, 2]],
        [[3, 1], [3, 2], [3, 3]],
    ];

    // Expected values below are those of Keras 2's test_sequence.py (test_pad_sequences, test_pad_sequences_vector).

    [Fact]
    public void Pre_padding_puts_the_padding_first()
    {
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, maxLen: 3, padding: Padding.Pre);
        Assert.Equal(new float[,] { { 0, 0, 1 }, { 0, 1, 2 }, { 1, 2, 3 } }, padded.Values.ToArray2D());
    }

    [Fact]
    public void Post_padding_puts_the_padding_last()
    {
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, maxLen: 3, padding: Padding.Post);
        Assert.Equal(new float[,] { { 1, 0, 0 }, { 1, 2, 0 }, { 1, 2, 3 } }, padded.Values.ToArray2D());
    }

    [Fact]
    public void Pre_truncation_keeps_the_last_steps()
    {
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, maxLen: 2, truncating: Truncating.Pre);
        Assert.Equal(new float[,] { { 0, 1 }, { 1, 2 }, { 2, 3 } }, padded.Values.ToArray2D());
    }

    [Fact]
    public void Post_truncation_keeps_the_first_steps()
    {
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, maxLen: 2, truncating: Truncating.Post);
        Assert.Equal(new float[,] { { 0, 1 }, { 1, 2 }, { 1, 2 } }, padded.Values.ToArray2D());
    }

    [Fact]
    public void The_padding_value_fills_the_padded_steps()
    {
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, maxLen: 3, value: 1);
        Assert.Equal(new float[,] { { 1, 1, 1 }, { 1, 1, 2 }, { 1, 2, 3 } }, padded.Values.ToArray2D());
    }

    [Fact]
    public void Defaults_pad_pre_to_the_longest_sequence_with_zeros()
    {
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens);
        Assert.Equal(new float[,] { { 0, 0, 1 }, { 0, 1, 2 }, { 1, 2, 3 } }, padded.Values.ToArray2D());
        Assert.Equal(3, padded.MaxLen);
        Assert.Equal(Padding.Pre, padded.Padding);
        Assert.Equal(Truncating.Pre, padded.Truncating);
    }

    [Fact]
    public void Vector_sequences_pad_pre_and_post()
    {
        var pre = NotebookRnn.Sequences.Sequences.PadSequences(KerasVectors, maxLen: 3, padding: Padding.Pre);
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 1, /**/ 0, 0, 2, 1, 2, 2, /**/ 3, 1, 3, 2, 3, 3 }, pre.Values.ToArray());
        Assert.Equal([3, 3, 2], pre.Values.Shape);

        var post = NotebookRnn.Sequences.Sequences.PadSequences(KerasVectors, maxLen: 3, padding: Padding.Post);
        Assert.Equal(new float[] { 1, 1, 0, 0, 0, 0, /**/ 2, 1, 2, 2, 0, 0, /**/ 3, 1, 3, 2, 3, 3 }, post.Values.ToArray());
    }

    [Fact]
    public void Vector_sequences_truncate_pre_and_post()
    {
        var pre = NotebookRnn.Sequences.Sequences.PadSequences(KerasVectors, maxLen: 2, truncating: Truncating.Pre);
        Assert.Equal(new float[] { 0, 0, 1, 1, /**/ 2, 1, 2, 2, /**/ 3, 2, 3, 3 }, pre.Values.ToArray());

        var post = NotebookRnn.Sequences.Sequences.PadSequences(KerasVectors, maxLen: 2, truncating: Truncating.Post);
        Assert.Equal(new float[] { 0, 0, 1, 1, /**/ 2, 1, 2, 2, /**/ 3, 1, 3, 2 }, post.Values.ToArray());
    }

    [Fact]
    public void Vector_padding_value_fills_whole_padded_steps()
    {
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(KerasVectors, maxLen: 3, value: 1);
        Assert.Equal(new float[] { 1, 1, 1, 1, 1, 1, /**/ 1, 1, 2, 1, 2, 2, /**/ 3, 1, 3, 2, 3, 3 }, padded.Values.ToArray());
    }

    [Fact]
    public void Lengths_count_the_kept_steps_and_the_mask_marks_them()
    {
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, maxLen: 2, padding: Padding.Post);
        Assert.Equal([1, 2, 2], padded.Lengths);
        Assert.Equal([1, 2, 3], padded.OriginalLengths);
        Assert.Equal(1, padded.TruncatedSteps);
        Assert.Equal(MaskLayout.Post, padded.Mask.Layout);
        Assert.Equal(new[] { true, false, true, true, true, true }, padded.Mask.Flags.ToArray());

        var pre = NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, maxLen: 3);
        Assert.Equal(MaskLayout.Pre, pre.Mask.Layout);
        Assert.False(pre.Mask.IsValid(0, 1));
        Assert.True(pre.Mask.IsValid(0, 2));
    }

    [Fact]
    public void An_empty_sequence_becomes_a_row_of_the_padding_value()
    {
        int[][] sequences = [[], [4, 5]];
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(sequences, value: -1);
        Assert.Equal(new float[,] { { -1, -1 }, { 4, 5 } }, padded.Values.ToArray2D());
        Assert.Equal([0, 2], padded.Lengths);

        float[][][] vectors = [[], [[1, 2]]];
        var paddedVectors = NotebookRnn.Sequences.Sequences.PadSequences(vectors, value: 7);
        Assert.Equal(new float[] { 7, 7, 1, 2 }, paddedVectors.Values.ToArray());
    }

    [Fact]
    public void Max_len_zero_gives_a_zero_width_result()
    {
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, maxLen: 0);
        Assert.Equal([3, 0], padded.Values.Shape);
        Assert.Equal([0, 0, 0], padded.Lengths);
        Assert.Equal(6, padded.TruncatedSteps);

        var vectors = NotebookRnn.Sequences.Sequences.PadSequences(KerasVectors, maxLen: 0);
        Assert.Equal([3, 0, 2], vectors.Values.Shape);
    }

    [Fact]
    public void No_sequences_give_an_empty_block()
    {
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(Array.Empty<int[]>());
        Assert.Equal([0, 0], padded.Values.Shape);
        Assert.Equal([0, 5], NotebookRnn.Sequences.Sequences.PadSequences(Array.Empty<int[]>(), maxLen: 5).Values.Shape);
    }

    [Fact]
    public void Lists_of_lists_are_accepted()
    {
        var sequences = new List<List<int>> { new() { 3 }, new() { 4, 5 } };
        var padded = NotebookRnn.Sequences.Sequences.PadSequences(sequences);
        Assert.Equal(new float[,] { { 0, 3 }, { 4, 5 } }, padded.Values.ToArray2D());
    }

    [Fact]
    public void Inconsistent_step_shapes_name_the_sequence_and_both_shapes()
    {
        float[][][] vectors = [[[1, 1]], [[2, 1], [2, 2, 2]]];
        var error = Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.PadSequences(vectors));
        Assert.Equal("sequences", error.ParamName);
        Assert.Contains("Step 1 of sequence 1 has shape (3,)", error.Message);
        Assert.Contains("expected shape (2,) set by sequence 0", error.Message);
    }

    [Fact]
    public void Ids_beyond_two_to_the_24_are_rejected_because_float32_cannot_hold_them()
    {
        int[][] fine = [[1 << 24, -(1 << 24)]];
        Assert.Equal(new float[] { 16777216, -16777216 }, NotebookRnn.Sequences.Sequences.PadSequences(fine).Values.ToArray());

        int[][] tooLarge = [[1, (1 << 24) + 1]];
        var error = Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.PadSequences(tooLarge));
        Assert.Contains("Token id 16777217 at step 1 of sequence 0", error.Message);
        Assert.Contains("16,777,216", error.Message);
    }

    [Fact]
    public void Ids_cut_by_truncation_are_not_checked()
    {
        int[][] sequences = [[(1 << 24) + 1, 5]];
        Assert.Equal(new float[] { 5 }, NotebookRnn.Sequences.Sequences.PadSequences(sequences, maxLen: 1).Values.ToArray());
    }

    [Fact]
    public void Int32_dtype_truncates_values_toward_zero_like_numpy()
    {
        Assert.Equal(new float[] { -1, 3 }, NotebookRnn.Sequences.Sequences.PadSequences([[3]], maxLen: 2, value: -1.7f).Values.ToArray());
        Assert.Equal(new float[] { -1.7f, 3 },
            NotebookRnn.Sequences.Sequences.PadSequences([[3]], maxLen: 2, dtype: "float32", value: -1.7f).Values.ToArray());

        float[][][] vectors = [[[1.9f, -2.5f]]];
        Assert.Equal(new float[] { 1, -2 }, NotebookRnn.Sequences.Sequences.PadSequences(vectors, dtype: "int32").Values.ToArray());
        Assert.Equal(new float[] { 1.9f, -2.5f }, NotebookRnn.Sequences.Sequences.PadSequences(vectors).Values.ToArray());
    }

    [Fact]
    public void Unknown_dtype_and_modes_are_errors_that_name_them()
    {
        var dtype = Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, dtype: "float16"));
        Assert.Equal("dtype", dtype.ParamName);
        Assert.Contains("dtype \"float16\" not understood", dtype.Message);

        var padding = Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.ParsePadding("middle"));
        Assert.StartsWith("Padding type \"middle\" not understood: expected \"pre\" or \"post\".", padding.Message);
        var truncating = Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.ParseTruncating("both"));
        Assert.StartsWith("Truncating type \"both\" not understood", truncating.Message);

        Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, padding: (Padding)7));
        var maxLen = Assert.Throws<ArgumentOutOfRangeException>(() => NotebookRnn.Sequences.Sequences.PadSequences(KerasTokens, maxLen: -1));
        Assert.Equal("maxLen", maxLen.ParamName);
    }

    [Fact]
    public void Keras_mode_names_parse()
    {
        Assert.Equal(Padding.Pre, NotebookRnn.Sequences.Sequences.ParsePadding("pre"));
        Assert.Equal(Padding.Post, NotebookRnn.Sequences.Sequences.ParsePadding("post"));
        Assert.Equal(Truncating.Pre, NotebookRnn.Sequences.Sequences.ParseTruncating("pre"));
        Assert.Equal(Truncating.Post, NotebookRnn.Sequences.Sequences.ParseTruncating("POST"));
    }

    [Fact]
    public void A_null_sequence_is_named()
    {
        int[][] sequences = [[1], null!];
        var error = Assert.Throws<ArgumentNullException>(() => NotebookRnn.Sequences.Sequences.PadSequences(sequences));
        Assert.Contains("Sequence 1 is null", error.Message);
    }

    // keras/src/utils/sequence_utils_test.py: PadSequencesTest.test_pad_sequences
    [Fact]
    public void Keras3_pads_and_truncates_token_ids()
    {
        int[][] a = [[1], [1, 2], [1, 2, 3]];

        Assert.Equal(new float[,] { { 0, 0, 1 }, { 0, 1, 2 }, { 1, 2, 3 } }, Pad(a, maxLen: 3, padding: Padding.Pre));
        Assert.Equal(new float[,] { { 1, 0, 0 }, { 1, 2, 0 }, { 1, 2, 3 } }, Pad(a, maxLen: 3, padding: Padding.Post));

        Assert.Equal(new float[,] { { 0, 1 }, { 1, 2 }, { 2, 3 } }, Pad(a, maxLen: 2, truncating: Truncating.Pre));
        Assert.Equal(new float[,] { { 0, 1 }, { 1, 2 }, { 1, 2 } }, Pad(a, maxLen: 2, truncating: Truncating.Post));

        Assert.Equal(new float[,] { { 1, 1, 1 }, { 1, 1, 2 }, { 1, 2, 3 } }, Pad(a, maxLen: 3, value: 1));

        static float[,] Pad(int[][] a, int maxLen, Padding padding = Padding.Pre, Truncating truncating = Truncating.Pre, float value = 0) =>
            NotebookRnn.Sequences.Sequences.PadSequences(a, maxLen, padding: padding, truncating: truncating, value: value).Values.ToArray2D();
    }

    // keras/src/utils/sequence_utils_test.py: PadSequencesTest.test_pad_sequences_float
    [Fact]
    public void Keras3_pads_and_truncates_real_values_with_float32()
    {
        float[][] a = [[1.2f], [1.2f, 2.3f], [1.2f, 2.3f, 3.4f]];

        Assert.Equal(new float[,] { { 0, 0, 1.2f }, { 0, 1.2f, 2.3f }, { 1.2f, 2.3f, 3.4f } }, Pad(a, maxLen: 3, padding: Padding.Pre));
        Assert.Equal(new float[,] { { 1.2f, 0, 0 }, { 1.2f, 2.3f, 0 }, { 1.2f, 2.3f, 3.4f } }, Pad(a, maxLen: 3, padding: Padding.Post));

        Assert.Equal(new float[,] { { 0, 1.2f }, { 1.2f, 2.3f }, { 2.3f, 3.4f } }, Pad(a, maxLen: 2, truncating: Truncating.Pre));
        Assert.Equal(new float[,] { { 0, 1.2f }, { 1.2f, 2.3f }, { 1.2f, 2.3f } }, Pad(a, maxLen: 2, truncating: Truncating.Post));

        Assert.Equal(new float[,] { { 1, 1, 1.2f }, { 1, 1.2f, 2.3f }, { 1.2f, 2.3f, 3.4f } }, Pad(a, maxLen: 3, value: 1));

        static float[,] Pad(float[][] a, int maxLen, Padding padding = Padding.Pre, Truncating truncating = Truncating.Pre, float value = 0) =>
            NotebookRnn.Sequences.Sequences.PadSequences(a, maxLen, dtype: "float32", padding: padding, truncating: truncating, value: value)
                .Values.ToArray2D();
    }

    // keras/src/utils/sequence_utils_test.py: PadSequencesTest.test_pad_sequences_str
    [Fact]
    public void Keras3_pads_and_truncates_strings_and_refuses_a_numeric_dtype()
    {
        string[][] a = [["1"], ["1", "2"], ["1", "2", "3"]];

        Assert.Equal([["pad", "pad", "1"], ["pad", "1", "2"], ["1", "2", "3"]],
            NotebookRnn.Sequences.Sequences.PadSequences(a, maxLen: 3, padding: Padding.Pre, value: "pad", dtype: "object"));
        Assert.Equal([["1", "pad", "pad"], ["1", "2", "pad"], ["1", "2", "3"]],
            NotebookRnn.Sequences.Sequences.PadSequences(a, maxLen: 3, padding: Padding.Post, value: "pad", dtype: "<U3"));

        Assert.Equal([["pad", "1"], ["1", "2"], ["2", "3"]],
            NotebookRnn.Sequences.Sequences.PadSequences(a, maxLen: 2, truncating: Truncating.Pre, value: "pad", dtype: "object"));
        Assert.Equal([["pad", "1"], ["1", "2"], ["1", "2"]],
            NotebookRnn.Sequences.Sequences.PadSequences(a, maxLen: 2, truncating: Truncating.Post, value: "pad", dtype: "<U3"));

        // Keras raises this for its default dtype; the string overload defaults to "object", so int32 is asked for here.
        var error = Assert.Throws<ArgumentException>(() =>
            NotebookRnn.Sequences.Sequences.PadSequences(a, maxLen: 2, truncating: Truncating.Post, value: "pad", dtype: "int32"));
        Assert.StartsWith("`dtype` int32 is not compatible with ", error.Message);
        Assert.Equal("dtype", error.ParamName);
    }

    // keras/src/utils/sequence_utils_test.py: PadSequencesTest.test_pad_sequences_vector
    [Fact]
    public void Keras3_pads_and_truncates_vector_sequences()
    {
        float[][][] a = [[[1, 1]], [[2, 1], [2, 2]], [[3, 1], [3, 2], [3, 3]]];

        Assert.Equal(new float[,,] { { { 0, 0 }, { 0, 0 }, { 1, 1 } }, { { 0, 0 }, { 2, 1 }, { 2, 2 } }, { { 3, 1 }, { 3, 2 }, { 3, 3 } } },
            Pad(a, maxLen: 3, padding: Padding.Pre));
        Assert.Equal(new float[,,] { { { 1, 1 }, { 0, 0 }, { 0, 0 } }, { { 2, 1 }, { 2, 2 }, { 0, 0 } }, { { 3, 1 }, { 3, 2 }, { 3, 3 } } },
            Pad(a, maxLen: 3, padding: Padding.Post));

        Assert.Equal(new float[,,] { { { 0, 0 }, { 1, 1 } }, { { 2, 1 }, { 2, 2 } }, { { 3, 2 }, { 3, 3 } } },
            Pad(a, maxLen: 2, truncating: Truncating.Pre));
        Assert.Equal(new float[,,] { { { 0, 0 }, { 1, 1 } }, { { 2, 1 }, { 2, 2 } }, { { 3, 1 }, { 3, 2 } } },
            Pad(a, maxLen: 2, truncating: Truncating.Post));

        Assert.Equal(new float[,,] { { { 1, 1 }, { 1, 1 }, { 1, 1 } }, { { 1, 1 }, { 2, 1 }, { 2, 2 } }, { { 3, 1 }, { 3, 2 }, { 3, 3 } } },
            Pad(a, maxLen: 3, value: 1));

        // Keras's default dtype here is int32; the values are integers, so "int32" changes nothing.
        static float[,,] Pad(float[][][] a, int maxLen, Padding padding = Padding.Pre, Truncating truncating = Truncating.Pre, float value = 0)
        {
            Tensor values = NotebookRnn.Sequences.Sequences.PadSequences(a, maxLen, dtype: "int32", padding: padding,
                truncating: truncating, value: value).Values;
            var result = new float[values.Dim(0), values.Dim(1), values.Dim(2)];
            Buffer.BlockCopy(values.ToArray(), 0, result, 0, values.Length * sizeof(float));
            return result;
        }
    }

    [Fact]
    public void Real_values_with_int32_are_truncated_toward_zero_as_keras_does_by_default()
    {
        float[][] a = [[1.9f, -2.5f]];
        Assert.Equal(new float[,] { { -1, 1, -2 } },
            NotebookRnn.Sequences.Sequences.PadSequences(a, maxLen: 3, dtype: "int32", value: -1.5f).Values.ToArray2D());
        Assert.Equal(new float[,] { { 0, 1.9f, -2.5f } }, NotebookRnn.Sequences.Sequences.PadSequences(a, maxLen: 3).Values.ToArray2D());
    }

    [Fact]
    public void Unicode_dtypes_cut_strings_to_their_width_in_code_points_as_numpy_does()
    {
        string[][] a = [["abcd", "😀😀x"], []];
        Assert.Equal([["ab", "😀😀"], ["pa", "pa"]], NotebookRnn.Sequences.Sequences.PadSequences(a, value: "pad", dtype: "<U2"));
        Assert.Equal([["a", "😀"], ["p", "p"]], NotebookRnn.Sequences.Sequences.PadSequences(a, value: "pad", dtype: "str"));
        Assert.Equal([["abcd", "😀😀x"], ["pad", "pad"]], NotebookRnn.Sequences.Sequences.PadSequences(a, value: "pad"));

        var error = Assert.Throws<ArgumentException>(() => NotebookRnn.Sequences.Sequences.PadSequences(a, value: "pad", dtype: "S3"));
        Assert.Contains("Expected \"object\" for variable length strings", error.Message);
    }

    private static readonly Arbitrary<(int[][] Sequences, int MaxLen, Padding Padding, Truncating Truncating)> PaddingCases =
        (from sequences in Gen.Choose(0, 12).SelectMany(length => Gen.Choose(1, 50).ArrayOf(length)).ArrayOf()
         from maxLen in Gen.Choose(0, 14)
         from padding in Gen.Elements(Padding.Pre, Padding.Post)
         from truncating in Gen.Elements(Truncating.Pre, Truncating.Post)
         select (sequences, maxLen, padding, truncating)).ToArbitrary();

    [Fact]
    public void Property_kept_tokens_are_the_expected_slice_in_order_and_nothing_else_is_lost()
    {
        Prop.ForAll(PaddingCases, c =>
        {
            var padded = NotebookRnn.Sequences.Sequences.PadSequences(c.Sequences, c.MaxLen, padding: c.Padding, truncating: c.Truncating);
            for (int row = 0; row < c.Sequences.Length; row++)
            {
                int[] sequence = c.Sequences[row];
                int kept = Math.Min(sequence.Length, c.MaxLen);
                int[] expected = c.Truncating == Truncating.Pre ? sequence[^kept..] : sequence[..kept];
                float[] values = padded.Values.Row(row).ToArray();
                float[] real = c.Padding == Padding.Pre ? values[^kept..] : values[..kept];
                float[] pad = c.Padding == Padding.Pre ? values[..^kept] : values[kept..];
                if (!real.SequenceEqual(expected.Select(id => (float)id))) return false;
                if (pad.Any(v => v != 0)) return false;
                if (padded.Lengths[row] != kept || padded.Mask.Lengths[row] != kept) return false;
            }
            long lost = c.Sequences.Sum(s => (long)Math.Max(0, s.Length - c.MaxLen));
            return padded.TruncatedSteps == lost &&
                   padded.Lengths.Sum() + lost == c.Sequences.Sum(s => s.Length);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Property_without_truncation_every_token_survives_as_a_multiset()
    {
        Prop.ForAll(PaddingCases, c =>
        {
            var padded = NotebookRnn.Sequences.Sequences.PadSequences(c.Sequences, padding: c.Padding, truncating: c.Truncating);
            var expected = c.Sequences.SelectMany(s => s).Select(id => (float)id).Order();
            var real = padded.Values.ToArray().Where(v => v != 0).Order();
            return real.SequenceEqual(expected);
        }).QuickCheckThrowOnFailure();
    }
}
