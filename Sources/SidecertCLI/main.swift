import ArgumentParser
import AsyncHTTPClient
import X509
import _CryptoExtras
import NIOPosix
print("hi")
