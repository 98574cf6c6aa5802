using Shop.Core;
using Xunit;

namespace Shop.Tests;

public sealed class CartTests
{
    [Fact]
    public void Describe_NamesTheItems() => Assert.Equal("ana: 2 items", new Cart("ana", 2).Describe());
}
