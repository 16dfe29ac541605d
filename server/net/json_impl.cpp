// Boost.JSON compiled once for the whole program (its header-only mode needs exactly one file
// to include its sources): the voice server's API speaks JSON.
#include <boost/json/src.hpp>
