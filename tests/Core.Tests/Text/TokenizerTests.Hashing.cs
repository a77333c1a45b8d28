using NotebookRnn.Text;

namespace NotebookRnn.Tests.Text;

public partial class TokenizerTests
{
    [Fact]
    public void A_custom_hash_is_reduced_as_pythons_modulo_into_one_to_n_minus_one()
    {
        Assert.Equal([4, 1, 2], Tokenizer.HashingTrick("a b c", 5, word => word switch { "a" => -1, "b" => 8, _ => long.MinValue + 1 }));
    }

    [Fact]
    public void The_default_hash_is_stable_within_a_process()
    {
        Assert.Equal(Tokenizer.OneHot("Some words, some words", 1000), Tokenizer.OneHot("some words some words", 1000));
    }

    [Fact]
    public void Hashing_refuses_a_space_without_indices_and_unknown_hash_names()
    {
        var n = Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer.HashingTrick("a", 1));
        Assert.Equal("n", n.ParamName);
        var hash = Assert.Throws<ArgumentException>(() => Tokenizer.HashingTrick("a", 5, hashFunction: "sha1"));
        Assert.Equal("hashFunction", hash.ParamName);
        Assert.StartsWith("Unknown hash function \"sha1\": expected \"hash\" or \"md5\"", hash.Message);
    }
}
