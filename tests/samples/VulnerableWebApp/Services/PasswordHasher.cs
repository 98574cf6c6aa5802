using System.Security.Cryptography;
using System.Text;

namespace Contoso.Orders.Services;

public sealed class PasswordHasher
{
    public string Hash(string password)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(password));
        return Convert.ToHexString(hash);
    }
}
