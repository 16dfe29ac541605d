// Boost.Asio and Boost.Beast compiled once for the whole program (separate compilation):
// every other file includes only their declarations, which keeps rebuilds fast.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
