using FluentValidation;
using Humanizer;

namespace Shop.Core;

public sealed record Cart(string Customer, int Items)
{
    public string Describe() => $"{Customer}: {"item".ToQuantity(Items)}";
}

public sealed class CartValidator : AbstractValidator<Cart>
{
    public CartValidator() => RuleFor(c => c.Items).GreaterThanOrEqualTo(0);
}
